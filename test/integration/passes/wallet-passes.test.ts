// passes (issue 19), through the HTTP API on PGlite: a buyer downloads a ticket's Apple Wallet pass and gets a Google
// Wallet save link (a JWT that verifies with the issuer's public key, carrying the event ticket class and object);
// a device registers with the pass's token; a refund queues ticket_passes_update, whose job wakes the device (the
// push port) and patches Google's object; the web service then lists the serial as changed and serves the voided pass.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { LocalOutboxSender } from '../../../cloud/adapters/email/local-outbox.ts';
import { exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingGoogleWalletObjects, RecordingPassPush } from '../../../cloud/adapters/passes/local.ts';
import { OUTBOX_TOPICS } from '../../../cloud/services/jobs/outbox-topics.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { makeTestPassChain, unzip, verifyDetachedSignature, type TestPassChain } from '../../support/passes.ts';

const RETURN_URL = 'https://shop.example/checkout/return';
const ISSUER_EMAIL = 'wallet@ticketboss-test.iam.gserviceaccount.com';

/** The one tickets email in the outbox directory (its text and HTML). */
async function ticketsEmail(dir: string): Promise<{ text: string; html: string }> {
  const files = readdirSync(dir).filter((file) => file.endsWith('.eml'));
  expect(files).toHaveLength(1);
  const mail = await simpleParser(readFileSync(join(dir, files[0]!)));
  return { text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' };
}

describe('wallet passes', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let chain: TestPassChain;
  let googlePublicKey: CryptoKey;
  const push = new RecordingPassPush();
  const googleObjects = new RecordingGoogleWalletObjects();
  const mailDir = mkdtempSync(join(tmpdir(), 'ticketboss-passes-mail-'));

  beforeAll(async () => {
    chain = makeTestPassChain();
    const google = await generateKeyPair('RS256', { extractable: true });
    googlePublicKey = google.publicKey;
    db = await freshDb('pglite');
    world = await buildWorld(db, {
      email: new LocalOutboxSender(mailDir),
      passes: {
        apple: chain.config,
        google: {
          issuerId: '3388000000012345678',
          serviceAccountEmail: ISSUER_EMAIL,
          privateKey: await exportPKCS8(google.privateKey),
        },
        push,
        googleObjects,
      },
    });
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  const buy = async (seatIds: string[]) => {
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

  const passOf = async (response: Response) => {
    const files = unzip(new Uint8Array(await response.arrayBuffer()));
    verifyDetachedSignature(files.get('signature')!, files.get('manifest.json')!, chain.caPem);
    return JSON.parse(files.get('pass.json')!.toString('utf8'));
  };

  const webService = (path: string, init: RequestInit = {}) => api.app.request(`/v1/passes/apple${path}`, init);

  it('the shop is told both wallets are offered', async () => {
    const config = await api.call('GET', '/v1/shop/config');
    expect(config.body.walletPasses).toEqual({ apple: true, google: true });
  });

  it("the tickets email offers both wallets, linked to the order page's wallet buttons", async () => {
    const order = await buy(['MAIN-A-4']);
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketEmail] });
    const mail = await ticketsEmail(mailDir);
    for (const words of ['Add to Apple Wallet', 'Save to Google Wallet']) {
      expect(mail.text).toContain(`${words}: https://shop.test/orders/${order.id}?token=`);
      expect(mail.html).toContain(words);
    }
    expect(mail.html).toContain(`/orders/${order.id}?token=${encodeURIComponent(order.accessToken)}#wallet`);
  });

  it('only the buyer gets a pass: another caller hears 404 problem+json, a bad ticket id 400', async () => {
    const order = await buy(['MAIN-A-1']);
    const ticketId = order.tickets[0]!.id;
    const stranger = await api.app.request(`/v1/orders/${order.id}/tickets/${ticketId}/apple-pass`);
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get('content-type')).toContain('application/problem+json');
    const bad = await api.app.request(`/v1/orders/${order.id}/tickets/not-a-uuid/apple-pass`, {
      headers: { 'x-order-token': order.accessToken },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).type).toContain('validation_failed');
  });

  it('both passes carry event, date, venue, seat, code; a refund voids them, device woken, Google told', async () => {
    const order = await buy(['MAIN-A-2', 'MAIN-A-3']);
    const [ticket] = order.tickets;
    const downloaded = await api.app.request(`/v1/orders/${order.id}/tickets/${ticket!.id}/apple-pass`, {
      headers: { 'x-order-token': order.accessToken },
    });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const pass = await passOf(downloaded);
    expect(pass.serialNumber).toBe(ticket!.id);
    expect(pass.barcodes[0].message).toBe(ticket!.code);
    expect(pass.webServiceURL).toBe('https://shop.test/v1/passes/apple');

    const link = await api.call('GET', `/v1/orders/${order.id}/tickets/${ticket!.id}/google-wallet`, {
      orderToken: order.accessToken,
    });
    expect(link.status).toBe(200);
    const jwt = (link.body.saveUrl as string).replace('https://pay.google.com/gp/v/save/', '');
    const { payload, protectedHeader } = await jwtVerify(jwt, googlePublicKey, {
      issuer: ISSUER_EMAIL,
      audience: 'google',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.typ).toBe('savetowallet');
    const content = payload.payload as {
      eventTicketClasses: { id: string }[];
      eventTicketObjects: Record<string, unknown>[];
    };
    expect(content.eventTicketObjects[0]).toMatchObject({
      id: `3388000000012345678.ticket-${ticket!.id}`,
      classId: content.eventTicketClasses[0]!.id,
      state: 'ACTIVE',
      barcode: { type: 'QR_CODE', value: ticket!.code },
    });
    // Both wallets carry the event, its date, the venue, the seat and the holder, as the cloud has them.
    const { startsAt } = (await api.call('GET', `/v1/events/${world.eventId}`)).body as { startsAt: string };
    const text = (value: string) => ({ defaultValue: expect.objectContaining({ value }) });
    expect(content.eventTicketClasses[0]).toMatchObject({
      eventName: text('Test Event'),
      venue: { name: text('Test Venue') },
      dateTime: { start: new Date(startsAt).toISOString() },
    });
    expect(content.eventTicketObjects[0]).toMatchObject({
      ticketHolderName: 'Ada Lovelace',
      seatInfo: { seat: text('Main · Row A · Seat 2') },
    });
    expect(pass.relevantDate).toBe(new Date(startsAt).toISOString());
    const fields = (pass.eventTicket.primaryFields as { value: string }[])
      .concat(pass.eventTicket.secondaryFields, pass.eventTicket.auxiliaryFields)
      .map((field) => field.value);
    expect(fields).toEqual(
      expect.arrayContaining(['Test Event', 'Main · Row A · Seat 2', expect.stringContaining('Test Venue')]),
    );

    const auth = { authorization: `ApplePass ${pass.authenticationToken}`, 'content-type': 'application/json' };
    const registration = `/v1/devices/device-1/registrations/${chain.config.passTypeId}/${ticket!.id}`;
    const wrong = await webService(registration, {
      method: 'POST',
      headers: { ...auth, authorization: 'ApplePass not-the-token-of-this-pass' },
      body: JSON.stringify({ pushToken: 'push-1' }),
    });
    expect(wrong.status).toBe(401);
    const registered = await webService(registration, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ pushToken: 'push-1' }),
    });
    expect(registered.status).toBe(201);
    const again = await webService(registration, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ pushToken: 'push-1' }),
    });
    expect(again.status).toBe(200);
    const first = await webService(`/v1/devices/device-1/registrations/${chain.config.passTypeId}`);
    const { lastUpdated } = (await first.json()) as { lastUpdated: string };
    const unchanged = await webService(
      `/v1/devices/device-1/registrations/${chain.config.passTypeId}?passesUpdatedSince=${lastUpdated}`,
    );
    expect(unchanged.status).toBe(204);

    const refunded = await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { ticketIds: [ticket!.id], reason: 'cannot come' },
      bearer: api.adminToken,
      idempotencyKey: randomUUID(),
    });
    expect(refunded.status).toBe(200);
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });

    expect(push.pushes).toEqual([{ passTypeId: chain.config.passTypeId, pushToken: 'push-1' }]);
    expect(googleObjects.patches).toEqual([
      { objectId: `3388000000012345678.ticket-${ticket!.id}`, patch: { state: 'INACTIVE' } },
    ]);
    expect(googleObjects.classPatches).toEqual([
      { classId: `3388000000012345678.event-${world.eventId}`, patch: { dateTime: expect.any(Object) } },
    ]);
    const changed = await webService(
      `/v1/devices/device-1/registrations/${chain.config.passTypeId}?passesUpdatedSince=${lastUpdated}`,
    );
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { serialNumbers: string[] }).serialNumbers).toEqual([ticket!.id]);
    const latest = await webService(`/v1/passes/${chain.config.passTypeId}/${ticket!.id}`, { headers: auth });
    expect(latest.status).toBe(200);
    const voided = await passOf(latest);
    expect(voided.voided).toBe(true);
    expect(voided.barcodes).toBeUndefined();
    const notModified = await webService(`/v1/passes/${chain.config.passTypeId}/${ticket!.id}`, {
      headers: { ...auth, 'if-modified-since': latest.headers.get('last-modified')! },
    });
    expect(notModified.status).toBe(304);

    // The buyer cannot download a pass of the refunded ticket any more.
    const gone = await api.app.request(`/v1/orders/${order.id}/tickets/${ticket!.id}/apple-pass`, {
      headers: { 'x-order-token': order.accessToken },
    });
    expect(gone.status).toBe(409);
  });
  it("a postponement reaches every pass of the event: devices woken for the new date, Google's class too", async () => {
    const order = await buy(['MAIN-A-5']);
    const ticketId = order.tickets[0]!.id;
    const downloaded = await api.app.request(`/v1/orders/${order.id}/tickets/${ticketId}/apple-pass`, {
      headers: { 'x-order-token': order.accessToken },
    });
    const pass = await passOf(downloaded);
    const saved = await api.call('GET', `/v1/orders/${order.id}/tickets/${ticketId}/google-wallet`, {
      orderToken: order.accessToken,
    });
    expect(saved.status).toBe(200);
    const registered = await webService(`/v1/devices/device-2/registrations/${chain.config.passTypeId}/${ticketId}`, {
      method: 'POST',
      headers: { authorization: `ApplePass ${pass.authenticationToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pushToken: 'push-2' }),
    });
    expect(registered.status).toBe(201);
    const { lastUpdated } = (await (
      await webService(`/v1/devices/device-2/registrations/${chain.config.passTypeId}`)
    ).json()) as { lastUpdated: string };
    const now = world.clock.now().getTime();
    const postponed = await api.call('POST', `/v1/admin/events/${world.eventId}/postpone`, {
      body: {
        startsAt: new Date(now + 10 * 86_400_000).toISOString(),
        refundDeadline: new Date(now + 5 * 86_400_000).toISOString(),
        reason: 'the stage is late',
      },
      bearer: api.adminToken,
      idempotencyKey: randomUUID(),
    });
    expect(postponed.status, JSON.stringify(postponed.body)).toBe(200);
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    expect(push.pushes).toContainEqual({ passTypeId: chain.config.passTypeId, pushToken: 'push-2' });
    const changed = await webService(
      `/v1/devices/device-2/registrations/${chain.config.passTypeId}?passesUpdatedSince=${lastUpdated}`,
    );
    expect(((await changed.json()) as { serialNumbers: string[] }).serialNumbers).toEqual([ticketId]);
    const latest = await passOf(
      await webService(`/v1/passes/${chain.config.passTypeId}/${ticketId}`, {
        headers: { authorization: `ApplePass ${pass.authenticationToken}` },
      }),
    );
    expect(latest.relevantDate).toBe(new Date(now + 10 * 86_400_000).toISOString());
    // Google's copy of the event (the class) is patched with the new date too.
    expect(googleObjects.classPatches).toContainEqual({
      classId: `3388000000012345678.event-${world.eventId}`,
      patch: { dateTime: expect.objectContaining({ start: new Date(now + 10 * 86_400_000).toISOString() }) },
    });
  });

  /** A ticket bought, its pass downloaded and registered by a device with this push token. */
  const registeredPass = async (seat: string, device: string, pushToken: string) => {
    const order = await buy([seat]);
    const ticketId = order.tickets[0]!.id;
    const pass = await passOf(
      await api.app.request(`/v1/orders/${order.id}/tickets/${ticketId}/apple-pass`, {
        headers: { 'x-order-token': order.accessToken },
      }),
    );
    const registered = await webService(`/v1/devices/${device}/registrations/${chain.config.passTypeId}/${ticketId}`, {
      method: 'POST',
      headers: { authorization: `ApplePass ${pass.authenticationToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pushToken }),
    });
    expect(registered.status).toBe(201);
    const saved = await api.call('GET', `/v1/orders/${order.id}/tickets/${ticketId}/google-wallet`, {
      orderToken: order.accessToken,
    });
    expect(saved.status).toBe(200);
    return { ticketId, pass };
  };
  const pendingPassUpdates = async () =>
    (
      await db.query<{ payload: { ticketIds: string[] } }>(
        `SELECT payload FROM outbox WHERE topic = $1 AND state = 'pending'`,
        [OUTBOX_TOPICS.ticketPassesUpdate],
      )
    ).rows.flatMap((row) => row.payload.ticketIds);

  it('a device APNs calls gone (410) loses its registration: it is not woken again', async () => {
    const { ticketId } = await registeredPass('MAIN-A-6', 'device-3', 'push-3');
    const registrations = () => webService(`/v1/devices/device-3/registrations/${chain.config.passTypeId}`);
    expect((await registrations()).status).toBe(200);
    push.gone.add('push-3');
    await world.services.passes.wallet.passesChanged([ticketId]);
    expect(push.pushes.filter((p) => p.pushToken === 'push-3')).toHaveLength(1);
    // The device has no registrations left (Apple's answer for that: 204), and the next change pushes nothing to it.
    expect((await registrations()).status).toBe(204);
    await world.services.passes.wallet.passesChanged([ticketId]);
    expect(push.pushes.filter((p) => p.pushToken === 'push-3')).toHaveLength(1);
  });

  it("an event's edit of what a pass shows (name, doors) queues the update of its passes; other edits do not", async () => {
    const { ticketId } = await registeredPass('MAIN-A-7', 'device-4', 'push-4');
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    expect(await pendingPassUpdates()).toEqual([]);
    const edit = async (body: Record<string, unknown>) => {
      const edited = await api.call('PATCH', `/v1/admin/events/${world.eventId}`, { body, bearer: api.adminToken });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    };
    await edit({ perOrderLimit: 9 });
    expect(await pendingPassUpdates()).toEqual([]);

    await edit({ name: 'Test Event: the late show' });
    expect(await pendingPassUpdates()).toContain(ticketId);
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    expect(push.pushes.filter((p) => p.pushToken === 'push-4')).toHaveLength(1);

    const { startsAt } = (await api.call('GET', `/v1/events/${world.eventId}`)).body as { startsAt: string };
    await edit({ doorsAt: new Date(new Date(startsAt).getTime() - 45 * 60_000).toISOString() });
    expect(await pendingPassUpdates()).toContain(ticketId);
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    expect(push.pushes.filter((p) => p.pushToken === 'push-4')).toHaveLength(2);
  });

  it("a venue's edit of what a pass shows (its name) queues the update of its events' passes", async () => {
    const { ticketId } = await registeredPass('MAIN-A-8', 'device-5', 'push-5');
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    const edited = await api.call('PATCH', `/v1/admin/venues/${world.venueId}`, {
      body: { name: 'The New Hall' },
      bearer: api.adminToken,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await pendingPassUpdates()).toContain(ticketId);
  });

  it("a transfer accepted reaches the sender's pass: device woken, pass voided, Google's object inactive", async () => {
    const { ticketId, pass } = await registeredPass('MAIN-A-9', 'device-6', 'push-6');
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    const rules = await api.call('PUT', `/v1/admin/events/${world.eventId}/transfer-rules`, {
      body: { allowed: true, closeHoursBefore: 0, maxTransfers: 2, sameNameOnly: false },
      bearer: api.adminToken,
    });
    expect(rules.status, JSON.stringify(rules.body)).toBeLessThan(300);
    const order = (await db.query<{ order_id: string }>('SELECT order_id FROM tickets WHERE id = $1', [ticketId]))
      .rows[0]!.order_id;
    const sent = await api.call('POST', `/v1/orders/${order}/transfers`, {
      orderToken: world.services.orders.orderAccessToken(order),
      body: { ticketIds: [ticketId], recipient: { email: 'grace@example.com', name: 'Grace Hopper' } },
      idempotencyKey: randomUUID(),
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await world.services.outbox.runDue(50);
    const offers = await Promise.all(
      readdirSync(mailDir)
        .filter((file) => file.endsWith('.eml'))
        .map(async (file) => simpleParser(readFileSync(join(mailDir, file)))),
    );
    const link = offers
      .map((mail) => /\/transfer\/accept\?token=([\w.%-]+)/u.exec(mail.text ?? '')?.[1])
      .find(Boolean)!;
    const accepted = await api.call('POST', `/v1/transfers/${link}/accept`, { body: {}, idempotencyKey: randomUUID() });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(await pendingPassUpdates()).toContain(ticketId);
    await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketPassesUpdate] });
    expect(push.pushes).toContainEqual({ passTypeId: chain.config.passTypeId, pushToken: 'push-6' });
    const latest = await passOf(
      await webService(`/v1/passes/${chain.config.passTypeId}/${ticketId}`, {
        headers: { authorization: `ApplePass ${pass.authenticationToken}` },
      }),
    );
    expect(latest.voided).toBe(true);
    expect(googleObjects.patches).toContainEqual({
      objectId: `3388000000012345678.ticket-${ticketId}`,
      patch: { state: 'INACTIVE' },
    });
  });
});

describe('wallet passes not configured', () => {
  it('the shop is told none are offered, the pass routes answer 404, the email has no badges', async () => {
    const db = await freshDb('pglite');
    try {
      const dir = mkdtempSync(join(tmpdir(), 'ticketboss-passes-mail-'));
      const world = await buildWorld(db, { email: new LocalOutboxSender(dir) });
      const api = await testApi(world.services);
      expect((await api.call('GET', '/v1/shop/config')).body.walletPasses).toEqual({ apple: false, google: false });
      const response = await api.app.request(`/v1/orders/${randomUUID()}/tickets/${randomUUID()}/apple-pass`);
      expect(response.status).toBe(404);
      const clerkSale = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
        body: { seatIds: ['MAIN-A-1'] },
      });
      const created = await api.call('POST', '/v1/orders', {
        body: {
          holdId: clerkSale.body.id,
          buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
          delivery: { method: 'email' },
          payment: { method: 'sandbox', returnUrl: RETURN_URL },
        },
        holdToken: clerkSale.body.token,
        idempotencyKey: randomUUID(),
      });
      await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
      await api.call('POST', `/v1/orders/${created.body.id}/payments/complete`, {
        orderToken: created.body.accessToken,
        idempotencyKey: randomUUID(),
      });
      await world.services.outbox.runDue(20, { only: [OUTBOX_TOPICS.ticketEmail] });
      const mail = await ticketsEmail(dir);
      expect(mail.text).not.toContain('Wallet');
      expect(mail.html).not.toContain('Wallet');
    } finally {
      await db.close();
    }
  });
});
