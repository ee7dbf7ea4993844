// The on-sale waiting room through the HTTP API (issue 20): join before the opening → state → admission → hold and
// order with the admission; a token of another event, another session, tampered with or expired refused with
// problem+json (stable types, the header named); a reloaded buyer keeps the place; kiosks and box offices skip the
// queue; the organizer's settings validated, checked by role and venue, and audited; and a poll of a cached state
// costs the database nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, createOnSaleEvent, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { solveChallenge } from '../../../cloud/domain/queue/pow.ts';
import type { QueueSettings } from '../../../cloud/contract/queue.ts';
import { insertUser } from '../../../cloud/db/identity.ts';
import { markEmailVerified } from '../../../cloud/db/order-claims.ts';

import { PROBLEM_BASE as PROBLEM } from '../../../cloud/contract/index.ts';
import { countingDb } from '../../support/counting-db.ts';

describe.each(dbKinds())('the waiting room on %s', (kind) => {
  let db: Db;
  let counter: ReturnType<typeof countingDb>;
  let world: World;
  let api: TestApi;
  let manager: string;
  let farManager: string;
  let clerk: string;
  let kiosk: string;
  let opensAt: Date;

  const settings = (overrides: Partial<QueueSettings> = {}): QueueSettings => ({
    enabled: true,
    opensAt: opensAt.toISOString(),
    admissionPerMinute: null,
    onePlacePer: 'session',
    challengeBits: 4,
    tokenMinutes: 10,
    ...overrides,
  });

  const newSession = () => randomUUID().replace(/-/g, '');

  /** Solves the event's challenge and joins: the ticket as the API gave it. */
  const join = async (eventId: string, session = newSession(), bearer?: string) => {
    const challenge = await api.call('GET', `/v1/events/${eventId}/queue/challenge`);
    expect(challenge.status, JSON.stringify(challenge.body)).toBe(200);
    const nonce = await solveChallenge(challenge.body.challenge, session, challenge.body.bits);
    const joined = await api.call('POST', `/v1/events/${eventId}/queue/join`, {
      body: { session, challenge: challenge.body.challenge, nonce },
      ...(bearer ? { bearer } : {}),
    });
    return { session, response: joined, ticket: joined.body.ticket as string };
  };

  const admit = (eventId: string, ticket: string, presaleCode?: string) =>
    api.call('POST', `/v1/events/${eventId}/queue/admission`, {
      body: { ticket, ...(presaleCode ? { presaleCode } : {}) },
    });

  const hold = (eventId: string, seatIds: string[], headers: Record<string, string> = {}, bearer?: string) =>
    api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds }, headers, ...(bearer ? { bearer } : {}) });

  const admissionHeaders = (token: string, session: string) => ({
    'x-queue-admission': token,
    'x-queue-session': session,
  });

  beforeAll(async () => {
    db = await freshDb(kind);
    counter = countingDb(db);
    world = await buildWorld(counter.db);
    api = await testApi(world.services);
    const other = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    manager = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueIds: [world.venueId] });
    farManager = await api.issuer.issue({ sub: 'manager-far', groups: ['venue_manager'], venueIds: [other.id] });
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    kiosk = await api.issuer.issue({ sub: randomUUID(), groups: ['kiosk'], venueId: world.venueId });
    opensAt = new Date(world.clock.now().getTime() + 60_000);
  });
  afterAll(async () => db.close());

  it('validates the settings beside the field, and checks role and venue', async () => {
    const path = `/v1/admin/events/${world.eventId}/queue`;
    const badRate = await api.call('PUT', path, { body: settings({ admissionPerMinute: 0 }), bearer: manager });
    expect(badRate.status).toBe(400);
    expect(badRate.headers.get('content-type')).toContain('application/problem+json');
    expect(badRate.body.errors[0].field).toBe('admissionPerMinute');
    const badBits = await api.call('PUT', path, { body: settings({ challengeBits: 40 }), bearer: manager });
    expect(badBits.body.errors[0].field).toBe('challengeBits');
    expect((await api.call('PUT', path, { body: settings(), bearer: api.customerToken })).status).toBe(403);
    expect((await api.call('PUT', path, { body: settings(), bearer: clerk })).status).toBe(403);
    expect((await api.call('PUT', path, { body: settings(), bearer: farManager })).status).toBe(404);
    expect((await api.call('GET', path, { bearer: farManager })).status).toBe(404);
    expect((await api.call('GET', path, { bearer: manager })).body).toMatchObject({ settings: null, state: null });
  });

  it('has no queue until the organizer sets one: holds need no admission, the state is a cacheable 404', async () => {
    const state = await api.call('GET', `/v1/events/${world.eventId}/queue/state`);
    expect(state.status).toBe(404);
    expect(state.body.type).toBe(`${PROBLEM}no_queue`);
    expect(state.headers.get('cache-control')).toContain('s-maxage=2');
    const event = await api.call('GET', `/v1/events/${world.eventId}`);
    expect(event.body.waitingRoom).toBeNull();
    const held = await hold(world.eventId, ['MAIN-E-10']);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
  });

  it('saves the settings (audited) and the event tells the shop about its waiting room', async () => {
    const saved = await api.call('PUT', `/v1/admin/events/${world.eventId}/queue`, {
      body: settings(),
      bearer: manager,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.settings).toEqual(settings());
    expect(saved.body.state).toMatchObject({ open: false, admittedThrough: 0 });
    const event = await api.call('GET', `/v1/events/${world.eventId}`);
    expect(event.body.waitingRoom).toEqual({ opensAt: opensAt.toISOString() });
    const audit = await db.query<{ action: string; actor_sub: string }>(
      "SELECT action, actor_sub FROM audit_log WHERE object_id = $1 AND action = 'event.queue_settings'",
      [world.eventId],
    );
    expect(audit.rows).toEqual([{ action: 'event.queue_settings', actor_sub: 'manager-1' }]);
  });

  it('refuses a web hold without admission (428, the header named); kiosks and box offices skip the queue', async () => {
    const refused = await hold(world.eventId, ['MAIN-E-9']);
    expect(refused.status).toBe(428);
    expect(refused.body.type).toBe(`${PROBLEM}admission_required`);
    expect(refused.body.errors[0].field).toBe('X-Queue-Admission');
    expect((await hold(world.eventId, ['MAIN-E-8'], {}, kiosk)).status).toBe(201);
    expect((await hold(world.eventId, ['MAIN-E-7'], {}, clerk)).status).toBe(201);
  });

  it('refuses a solution that does not solve the challenge, or a challenge of another event', async () => {
    const session = newSession();
    const challenge = await api.call('GET', `/v1/events/${world.eventId}/queue/challenge`);
    expect(challenge.headers.get('cache-control')).toBe('public, max-age=2');
    const nonce = Number(await solveChallenge(challenge.body.challenge, session, 4));
    // Every nonce below the first solution fails by construction of the search; with none below, one of another session.
    const wrong = nonce > 0 ? '0' : String(await solveChallenge(challenge.body.challenge, newSession(), 12));
    const failed = await api.call('POST', `/v1/events/${world.eventId}/queue/join`, {
      body: { session, challenge: challenge.body.challenge, nonce: wrong },
    });
    if (nonce > 0) {
      expect(failed.status).toBe(400);
      expect(failed.body.type).toBe(`${PROBLEM}challenge_failed`);
    }
    const forged = await api.call('POST', `/v1/events/${world.eventId}/queue/join`, {
      body: { session, challenge: `${challenge.body.challenge}x`, nonce: String(nonce) },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].field).toBe('challenge');
  });

  let early: { session: string; ticket: string }[] = [];

  it('gives arrivals before the opening no place yet, and asks them to come back at the opening', async () => {
    early = [];
    for (let i = 0; i < 5; i++) {
      const joined = await join(world.eventId);
      expect(joined.response.status, JSON.stringify(joined.response.body)).toBe(201);
      expect(joined.response.body.place).toBeNull();
      early.push(joined);
    }
    const waiting = await admit(world.eventId, early[0]!.ticket);
    expect(waiting.status).toBe(409);
    expect(waiting.body.type).toBe(`${PROBLEM}not_admitted_yet`);
    expect(waiting.body.admittedThrough).toBe(0);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a poll of the cached state does no database work', async () => {
    const first = await api.call('GET', `/v1/events/${world.eventId}/queue/state`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=1, s-maxage=2');
    const before = counter.queries();
    for (let i = 0; i < 20; i++)
      expect((await api.call('GET', `/v1/events/${world.eventId}/queue/state`)).status).toBe(200);
    expect(counter.queries() - before).toBe(0);
    world.clock.advance(1_000);
    await api.call('GET', `/v1/events/${world.eventId}/queue/state`);
    expect(counter.queries() - before).toBeGreaterThan(0);
  });

  let admitted: { session: string; token: string; place: number };

  it('shuffles the early arrivals at the opening, admits them, and a reloaded buyer keeps the place', async () => {
    world.clock.advance(60_000);
    const state = await api.call('GET', `/v1/events/${world.eventId}/queue/state`);
    expect(state.body).toMatchObject({ open: true, arrivedBeforeOpening: 5, admittedThrough: 5 });
    const places = [];
    for (const buyer of early) {
      const admission = await admit(world.eventId, buyer.ticket);
      expect(admission.status, JSON.stringify(admission.body)).toBe(200);
      places.push(admission.body.place as number);
      // The same ticket again (a reload): the same place.
      expect((await admit(world.eventId, buyer.ticket)).body.place).toBe(admission.body.place);
    }
    expect([...places].sort()).toEqual([1, 2, 3, 4, 5]);
    const first = await admit(world.eventId, early[0]!.ticket);
    admitted = { session: early[0]!.session, token: first.body.token, place: first.body.place };
    // Joining after the opening: a place right away, after the early ones.
    const late = await join(world.eventId);
    expect(late.response.body.place).toBe(6);
  });

  const orderOf = (holdId: string) => ({
    holdId,
    buyer: { email: 'queued@example.com', name: 'Queued Buyer' },
    delivery: { method: 'email' },
    payment: { method: 'sandbox', returnUrl: 'https://shop.example/checkout/return' },
  });

  it('holds and buys with the admission', async () => {
    const held = await hold(
      world.eventId,
      ['MAIN-A-1', 'MAIN-A-2'],
      admissionHeaders(admitted.token, admitted.session),
    );
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: orderOf(held.body.id),
      holdToken: held.body.token,
      idempotencyKey: randomUUID(),
      headers: admissionHeaders(admitted.token, admitted.session),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    // The hold carries its admission (holds.queue_admitted): its checkout asks for no header, so a second order of it
    // meets the hold itself, ordered already. An unadmitted web hold's order: test/integration/queue/admitted-holds.
    const again = await api.call('POST', '/v1/orders', {
      body: orderOf(held.body.id),
      holdToken: held.body.token,
      idempotencyKey: randomUUID(),
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(`${PROBLEM}order_state_conflict`);
  });

  it('refuses an admission of another session, tampered with, or of another event (403, stable types)', async () => {
    const otherSession = await hold(world.eventId, ['MAIN-B-1'], admissionHeaders(admitted.token, newSession()));
    expect(otherSession.status).toBe(403);
    expect(otherSession.headers.get('content-type')).toContain('application/problem+json');
    expect(otherSession.body.type).toBe(`${PROBLEM}admission_invalid`);
    expect(otherSession.body.errors[0].field).toBe('X-Queue-Session');

    // The token and the ticket are readable, but carry only the session's hash: the session stays a second secret.
    const [payload, mac] = admitted.token.split('.');
    expect(Buffer.from(payload!, 'base64url').toString()).not.toContain(admitted.session);
    const ticketPayload = early[0]!.ticket.split('.')[0]!;
    expect(Buffer.from(ticketPayload, 'base64url').toString()).not.toContain(early[0]!.session);
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, x: claims.x + 86_400_000 })).toString('base64url');
    const tampered = await hold(world.eventId, ['MAIN-B-1'], admissionHeaders(`${raised}.${mac}`, admitted.session));
    expect(tampered.status).toBe(403);
    expect(tampered.body.type).toBe(`${PROBLEM}admission_invalid`);
    expect(tampered.body.errors[0].field).toBe('X-Queue-Admission');

    const otherEventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Other' });
    const past = new Date(world.clock.now().getTime() - 1000).toISOString();
    const put = await api.call('PUT', `/v1/admin/events/${otherEventId}/queue`, {
      body: settings({ opensAt: past }),
      bearer: manager,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const elsewhere = await join(otherEventId);
    expect(elsewhere.response.body.place).toBe(1); // opened already: first come, first served
    // Admission reaches a new arrival with the state's next write (at most a second later).
    expect((await admit(otherEventId, elsewhere.ticket)).status).toBe(409);
    world.clock.advance(1_000);
    const foreign = await admit(otherEventId, elsewhere.ticket);
    expect(foreign.status).toBe(200);
    const wrongEvent = await hold(world.eventId, ['MAIN-B-1'], admissionHeaders(foreign.body.token, elsewhere.session));
    expect(wrongEvent.status).toBe(403);
    expect(wrongEvent.body.type).toBe(`${PROBLEM}admission_invalid`);
    // A queue ticket of the other event is not this event's either.
    const wrongTicket = await admit(world.eventId, elsewhere.ticket);
    expect(wrongTicket.status).toBe(403);
    expect(wrongTicket.body.type).toBe(`${PROBLEM}queue_ticket_invalid`);
  });

  it('refuses an expired admission (403 admission_expired); the ticket gets a new one at the same place', async () => {
    world.clock.advance(10 * 60_000 + 1);
    const expired = await hold(world.eventId, ['MAIN-C-1'], admissionHeaders(admitted.token, admitted.session));
    expect(expired.status).toBe(403);
    expect(expired.body.type).toBe(`${PROBLEM}admission_expired`);
    expect(expired.body.errors[0].field).toBe('X-Queue-Admission');
    const again = await admit(world.eventId, early[0]!.ticket);
    expect(again.status).toBe(200);
    expect(again.body.place).toBe(admitted.place);
    expect((await hold(world.eventId, ['MAIN-C-1'], admissionHeaders(again.body.token, admitted.session))).status).toBe(
      201,
    );
  });

  it('refuses a presale code that is not good for the event, beside the field', async () => {
    const refused = await admit(world.eventId, early[1]!.ticket, 'NO-SUCH-CODE');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('presaleCode');
  });

  it('gives one place per verified account where the organizer asks for it', async () => {
    const eventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Accounts' });
    const past = new Date(world.clock.now().getTime() - 1000).toISOString();
    // On sale by the world's clock (createOnSaleEvent goes by the real one), so its holds are sold.
    await db.query('UPDATE events SET on_sale_from = $2, on_sale_until = $3 WHERE id = $1', [
      eventId,
      past,
      new Date(world.clock.now().getTime() + 3_600_000).toISOString(),
    ]);
    const put = await api.call('PUT', `/v1/admin/events/${eventId}/queue`, {
      body: settings({ opensAt: past, onePlacePer: 'verified_account' }),
      bearer: manager,
    });
    expect(put.status).toBe(200);
    expect((await join(eventId)).response.status).toBe(401);
    const userId = randomUUID();
    await insertUser(db, {
      id: userId,
      email: `${userId}@example.com`,
      password_hash: 'x',
      name: 'Ada',
      groups: [],
      venue_id: null,
    });
    const bearer = await api.issuer.issue({ sub: userId, email: `${userId}@example.com`, groups: [] });
    const unverified = await join(eventId, newSession(), bearer);
    expect(unverified.response.status).toBe(403);
    expect(unverified.response.body.type).toBe(`${PROBLEM}email_unverified`);
    await markEmailVerified(db, userId, world.clock.now());
    const first = await join(eventId, newSession(), bearer);
    expect(first.response.status, JSON.stringify(first.response.body)).toBe(201);
    const again = await join(eventId, newSession(), bearer);
    expect(again.response.body.place).toBe(first.response.body.place);
    const accounts = await db.query('SELECT 1 FROM event_queue_accounts WHERE event_id = $1', [eventId]);
    expect(accounts.rowCount).toBe(1);

    // The second session's admission is the account's: no use without its bearer, nor with another account's.
    world.clock.advance(1_000);
    const admission = await admit(eventId, again.ticket);
    expect(admission.status, JSON.stringify(admission.body)).toBe(200);
    const headers = admissionHeaders(admission.body.token, again.session);
    const anonymous = await hold(eventId, ['MAIN-A-1'], headers);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.type).toBe(`${PROBLEM}admission_invalid`);
    expect(anonymous.body.errors[0].field).toBe('authorization');
    const otherAccount = await api.issuer.issue({ sub: randomUUID(), groups: [] });
    const stranger = await hold(eventId, ['MAIN-A-1'], headers, otherAccount);
    expect(stranger.status).toBe(403);
    expect(stranger.body.type).toBe(`${PROBLEM}admission_invalid`);
    const held = await hold(eventId, ['MAIN-A-1'], headers, bearer);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    // The account's admission was checked when the hold was made: the hold carries the mark (holds.queue_admitted),
    // and its order needs only the hold's token, like any hold's.
    const ordered = await api.call('POST', '/v1/orders', {
      body: orderOf(held.body.id),
      holdToken: held.body.token,
      idempotencyKey: randomUUID(),
    });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  });

  it('lets everyone straight through once the organizer turns the queue off', async () => {
    const off = await api.call('PUT', `/v1/admin/events/${world.eventId}/queue`, {
      body: settings({ enabled: false }),
      bearer: manager,
    });
    expect(off.status).toBe(200);
    expect((await hold(world.eventId, ['MAIN-C-5'])).status).toBe(201);
    expect((await api.call('GET', `/v1/events/${world.eventId}`)).body.waitingRoom).toBeNull();
  });
});
