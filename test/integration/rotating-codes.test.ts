// Rotating codes through the HTTP API (cloud/domain/tickets/README.md), on real Postgres (else PGlite): the buyer
// binds a ticket to a phone key (the same key again gets the same credential, another key is 409
// ticket_bound_elsewhere, anyone else 404); the door admits a fresh rotating code once, refuses it shown again
// (code_replayed), refuses one 31 s old (code_expired) unless it was read then by a door that was offline, refuses a
// credential of a phone the ticket was re-keyed away from; and the event's policy refuses an emailed ticket's static
// code under rotating_only while a counter sale's static code still gets in (and the offline door's revocation list
// names the emailed tickets). A phone's code of a ticket passed on (transferred) is refused at once as `transferred`,
// and the recipient's new ticket is unbound (its own phone binds it).
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { signRotatingCode, unixSeconds } from '../../cloud/domain/tickets/rotating-code.ts';

const RETURN_URL = 'https://shop.example/checkout/return';

const phone = () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-65).toString('base64url'),
  };
};

describe.each(productionDbKinds())('rotating codes on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let door: string;
  let clerk: string;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    door = await api.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  /** A web order paid through the sandbox, its tickets emailed: the buyer's way back is the order token. */
  const buyOnline = async (seatIds: string[]) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds } });
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      holdToken: hold.body.token,
      idempotencyKey: randomUUID(),
    });
    const order = created.body as { id: string; accessToken: string; payments: { redirectUrl: string }[] };
    await world.sandbox.decide(order.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve', 'approve');
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return { ...order, tickets: paid.body.tickets as { id: string; code: string }[] };
  };

  const sellAtCounter = async (seatIds: string[]) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, bearer: clerk });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'door@example.com', name: 'At The Door' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state).toBe('paid');
    return order.body as { id: string; tickets: { id: string; code: string }[] };
  };

  const bind = (orderId: string, ticketId: string, publicKey: string, orderToken?: string) =>
    api.call('POST', `/v1/orders/${orderId}/tickets/${ticketId}/device-key`, {
      body: { publicKey },
      ...(orderToken ? { orderToken } : {}),
    });
  const scan = (code: string, extra: object = {}) =>
    api.call('POST', '/v1/scans', { body: { code, gate: 'North 1', ...extra }, bearer: door });
  const codeAt = (privateKey: KeyObject, credential: string, offsetSeconds = 0) =>
    signRotatingCode(privateKey, credential, unixSeconds(world.clock.now()) + offsetSeconds);

  it('binds a ticket to one phone: the same key gets the same credential, another key is 409, others 404', async () => {
    const order = await buyOnline(['MAIN-C-1']);
    const ticketId = order.tickets[0]!.id;
    const mine = phone();
    const first = await bind(order.id, ticketId, mine.publicKey, order.accessToken);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ticketId, credential: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    const again = await bind(order.id, ticketId, mine.publicKey, order.accessToken);
    expect(again.body.credential).toBe(first.body.credential);

    const other = await bind(order.id, ticketId, phone().publicKey, order.accessToken);
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.type).toContain('ticket_bound_elsewhere');

    expect((await bind(order.id, ticketId, mine.publicKey)).status).toBe(404);
    const stranger = await api.issuer.issue({ sub: randomUUID(), groups: [] });
    const asStranger = await api.call('POST', `/v1/orders/${order.id}/tickets/${ticketId}/device-key`, {
      body: { publicKey: mine.publicKey },
      bearer: stranger,
    });
    expect(asStranger.status).toBe(404);
    expect((await bind(order.id, randomUUID(), mine.publicKey, order.accessToken)).status).toBe(404);

    const offCurve = Buffer.from(phone().publicKey, 'base64url');
    offCurve[64] = offCurve[64]! ^ 1;
    const bad = await bind(order.id, ticketId, offCurve.toString('base64url'), order.accessToken);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('publicKey');
  });

  it('admits a fresh rotating code once; shown again it is a replay, 31 s old it is expired', async () => {
    const order = await buyOnline(['MAIN-C-2']);
    const ticketId = order.tickets[0]!.id;
    const mine = phone();
    const { credential } = (await bind(order.id, ticketId, mine.publicKey, order.accessToken)).body;

    expect((await scan(codeAt(mine.privateKey, credential, -31))).body).toMatchObject({
      result: 'refused',
      reason: 'code_expired',
    });
    const code = codeAt(mine.privateKey, credential, -3);
    const admitted = await scan(code, { eventId: world.eventId });
    expect(admitted.body).toMatchObject({ result: 'admitted', ticket: { id: ticketId, seat: 'MAIN-C-2' } });
    expect((await scan(code)).body).toMatchObject({ result: 'refused', reason: 'code_replayed' });
    // The phone's next code is genuine and new: the ticket itself was used.
    expect((await scan(codeAt(mine.privateKey, credential, 12))).body).toMatchObject({ result: 'already_used' });
  });

  it('judges a code read by a door that was offline by when it was read', async () => {
    const order = await buyOnline(['MAIN-C-3']);
    const mine = phone();
    const { credential } = (await bind(order.id, order.tickets[0]!.id, mine.publicKey, order.accessToken)).body;
    const readAt = world.clock.now();
    const code = codeAt(mine.privateKey, credential);
    world.clock.advance(5 * 60_000);
    expect((await scan(code)).body).toMatchObject({ reason: 'code_expired' });
    expect((await scan(code, { scannedAt: readAt.toISOString() })).body).toMatchObject({
      result: 'admitted',
      usedAt: readAt.toISOString(),
    });
  });

  it("refuses the old phone's codes once staff re-key the ticket and another phone binds it", async () => {
    const order = await buyOnline(['MAIN-C-4']);
    const ticketId = order.tickets[0]!.id;
    const lost = phone();
    const lostCredential = (await bind(order.id, ticketId, lost.publicKey, order.accessToken)).body.credential;
    // The holder lost the phone: staff re-key the ticket (the buyer cannot, and another venue finds no such order).
    const rekey = (bearer?: string) =>
      api.call('DELETE', `/v1/admin/orders/${order.id}/tickets/${ticketId}/device-key`, bearer ? { bearer } : {});
    expect((await rekey(clerk)).status).toBe(403);
    expect((await rekey(api.adminToken)).status).toBe(204);
    const audit = await api.call('GET', `/v1/admin/audit?objectType=order&objectId=${order.id}`, {
      bearer: api.adminToken,
    });
    expect(JSON.stringify(audit.body)).toContain('ticket.rekey');
    const found = phone();
    const credential = (await bind(order.id, ticketId, found.publicKey, order.accessToken)).body.credential;
    expect((await scan(codeAt(lost.privateKey, lostCredential))).body).toMatchObject({ reason: 'invalid_code' });
    // Nor can the old phone sign for the new credential.
    expect((await scan(codeAt(lost.privateKey, credential))).body).toMatchObject({ reason: 'invalid_code' });
    // A time the old phone used is still the new phone's to use: its codes were never remembered.
    expect((await scan(codeAt(found.privateKey, credential))).body).toMatchObject({ result: 'admitted' });
  });

  it('refuses at once the rotating code of a ticket passed on, as transferred; the new ticket binds a new phone', async () => {
    const order = await buyOnline(['MAIN-E-1']);
    const ticketId = order.tickets[0]!.id;
    const mine = phone();
    const { credential } = (await bind(order.id, ticketId, mine.publicKey, order.accessToken)).body;
    // The code the phone shows (a screenshot of it, say) before the ticket goes; read after the transfer.
    const shown = codeAt(mine.privateKey, credential, -2);
    const sent = await api.call('POST', `/v1/orders/${order.id}/transfers`, {
      orderToken: order.accessToken,
      body: { ticketIds: [ticketId], recipient: { email: 'grace@example.com', name: 'Grace Hopper' } },
      idempotencyKey: randomUUID(),
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const token = world.services.transfers.tickets.token(sent.body.id);
    const accepted = await api.call('POST', `/v1/transfers/${encodeURIComponent(token)}/accept`, {
      body: {},
      idempotencyKey: randomUUID(),
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);

    expect((await scan(shown)).body).toMatchObject({
      result: 'refused',
      reason: 'transferred',
      ticket: { id: ticketId },
    });
    // The phone's next code too: the old ticket is gone, whatever the time.
    expect((await scan(codeAt(mine.privateKey, credential, 1))).body).toMatchObject({ reason: 'transferred' });
    const { tickets } = (
      await api.call('GET', `/v1/orders/${accepted.body.orderId}`, { orderToken: accepted.body.accessToken })
    ).body as { tickets: { id: string }[] };
    const theirs = phone();
    const fresh = await bind(accepted.body.orderId, tickets[0]!.id, theirs.publicKey, accepted.body.accessToken);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect((await scan(codeAt(theirs.privateKey, fresh.body.credential))).body).toMatchObject({ result: 'admitted' });
  });

  it("follows the event's policy for static codes: rotating_only refuses an emailed ticket's, not a counter sale's", async () => {
    const emailed = await buyOnline(['MAIN-D-1', 'MAIN-D-2']);
    const counter = await sellAtCounter(['MAIN-D-3']);
    const setPolicy = async (codePolicy: string) => {
      const patched = await api.call('PATCH', `/v1/admin/events/${world.eventId}`, {
        body: { codePolicy },
        bearer: api.adminToken,
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.codePolicy).toBe(codePolicy);
      expect((await api.call('GET', `/v1/events/${world.eventId}`)).body.codePolicy).toBe(codePolicy);
    };
    try {
      await setPolicy('rotating');
      expect((await scan(emailed.tickets[0]!.code)).body).toMatchObject({ result: 'admitted' });

      await setPolicy('rotating_only');
      expect((await scan(emailed.tickets[1]!.code)).body).toMatchObject({
        result: 'refused',
        reason: 'static_code_refused',
        ticket: { id: emailed.tickets[1]!.id },
      });
      expect((await scan(counter.tickets[0]!.code)).body).toMatchObject({ result: 'admitted' });
      // An offline door learns the same from its revocation list: the emailed tickets, not the counter's.
      const list = await api.call('GET', '/v1/tickets/revocations', { bearer: door });
      const refused = (list.body.staticCodeRefused as { id: string }[]).map((ticket) => ticket.id);
      expect(refused).toEqual(expect.arrayContaining(emailed.tickets.map((ticket) => ticket.id)));
      expect(refused).not.toContain(counter.tickets[0]!.id);
      const mine = phone();
      const { credential } = (await bind(emailed.id, emailed.tickets[1]!.id, mine.publicKey, emailed.accessToken)).body;
      expect((await scan(codeAt(mine.privateKey, credential))).body).toMatchObject({ result: 'admitted' });
    } finally {
      await setPolicy('static');
    }
  });
});
