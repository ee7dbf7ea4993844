// Waitlists through the HTTP API: joining only a sold-out event (and the problem types of bad input), then seats
// coming back by a refund and by an expired hold, offered in join order by housekeeping's pass with an email whose
// link claims a hold on them that checkout buys; an unclaimed offer passing to the next person; a larger party
// skipped (keeping its place) while what is free does not fit it; leaving; and the staff's view of the line. Then a
// tier's line: joined while only that tier is sold out, offered only that tier's seats, and an offer withdrawn by
// leaving.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import type { Db } from '../../cloud/db/port.ts';
import { housekeeping } from '../../cloud/services/housekeeping.ts';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { buildWorld, smallHall, type World } from '../support/world.ts';

const PROBLEMS = 'https://ticketboss.dev/problems/';

describe.each(productionDbKinds())('waitlist on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let manager: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-waitlist-mail-'));

  beforeAll(async () => {
    db = await freshDb(kind);
    // One row of four seats and no standing section, so four sales sell it out.
    const map = smallHall(1, 4);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(db, { map, email: new LocalOutboxSender(dir) });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    manager = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueIds: [world.venueId] });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const join_ = (email: string, quantity: number) =>
    api.call('POST', `/v1/events/${world.eventId}/waitlist`, { body: { email, quantity } });
  const emailsTo = async (address: string): Promise<ParsedMail[]> =>
    (
      await Promise.all(
        readdirSync(dir)
          .filter((f) => f.endsWith('.eml'))
          .map((f) => simpleParser(readFileSync(join(dir, f)))),
      )
    ).filter((m) => [m.to ?? []].flat().some((to) => to.text.includes(address)));
  /** The claim token in the newest offer email to this address. */
  const claimTokenFor = async (address: string) => {
    const mails = (await emailsTo(address)).sort((a, b) => b.date!.getTime() - a.date!.getTime());
    expect(mails.length).toBeGreaterThan(0);
    const link = /https:\/\/shop\.test\/waitlist\/claim\?token=([A-Za-z0-9_%-]+)/.exec(mails[0]!.text!)![1]!;
    return decodeURIComponent(link);
  };
  /** Housekeeping's pass (the same one `npm start` and the tick run), then the outbox sends the emails. */
  const pass = async () => {
    await housekeeping(world.services);
    await world.services.outbox.runDue();
  };
  const sellCash = async (seatIds: string[]) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, bearer: clerk });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'door@example.com', name: 'Door Sale' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.status).toBe(201);
    return order.body as { id: string; tickets: { id: string; seatId: string }[] };
  };
  const lineStates = async () =>
    (await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`, { bearer: clerk })).body.entries.map(
      (e: { email: string; state: string }) => `${e.email}:${e.state}`,
    );

  let sold: { id: string; tickets: { id: string; seatId: string }[] };
  let webHold: { id: string; token: string };
  const tokens: Record<string, string> = {};

  it('refuses to join while seats can be held, and names the field of bad input', async () => {
    const notSoldOut = await join_('early@example.com', 1);
    expect(notSoldOut.status).toBe(409);
    expect(notSoldOut.body.type).toBe(`${PROBLEMS}waitlist_not_sold_out`);
    for (const quantity of [0, 11]) {
      const out = await join_('early@example.com', quantity);
      expect(out.status).toBe(422);
      expect(out.body.type).toBe(`${PROBLEMS}waitlist_quantity_out_of_range`);
      expect(out.body.errors[0].field).toBe('quantity');
    }
    const badEmail = await join_('not-an-email', 1);
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.type).toBe(`${PROBLEMS}waitlist_email_invalid`);
    expect(badEmail.body.errors[0].field).toBe('email');
  });

  it('joins a sold-out event in order, one live entry per email', async () => {
    sold = await sellCash(['MAIN-A-1', 'MAIN-A-2']);
    webHold = (
      await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-3', 'MAIN-A-4'] } })
    ).body;
    for (const [email, quantity] of [
      ['ann@example.com', 2],
      ['bob@example.com', 1],
      ['cat@example.com', 2],
    ] as const) {
      const joined = await join_(email, quantity);
      expect(joined.status).toBe(201);
      expect(joined.body).toMatchObject({ state: 'waiting', quantity });
      tokens[email] = joined.body.token;
      world.clock.advance(1000);
    }
    const again = await join_('ANN@example.com', 1);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(`${PROBLEMS}waitlist_already_joined`);
    // Nothing is free: the pass offers nothing.
    await pass();
    expect(await lineStates()).toEqual([
      'ann@example.com:waiting',
      'bob@example.com:waiting',
      'cat@example.com:waiting',
    ]);
  });

  it('a refund frees one seat: ann (2) does not fit and keeps her place, bob (1) is offered it, claims and buys', async () => {
    const refunded = await api.call('POST', `/v1/orders/${sold.id}/refunds`, {
      body: { ticketIds: [sold.tickets.find((t) => t.seatId === 'MAIN-A-1')!.id], reason: 'cannot come' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(refunded.status).toBe(200);
    await pass();
    expect(await lineStates()).toEqual([
      'ann@example.com:waiting',
      'bob@example.com:offered',
      'cat@example.com:waiting',
    ]);
    const [mail] = await emailsTo('bob@example.com');
    expect(mail!.subject).toBe('Tickets for Test Event are waiting for you');
    expect(mail!.text).toContain('a seat: MAIN row A seat 1');
    const token = await claimTokenFor('bob@example.com');

    const claim = await api.call('POST', `/v1/waitlist/claims/${encodeURIComponent(token)}`);
    expect(claim.status).toBe(200);
    const hold = claim.body.hold;
    expect(hold.seats.map((s: { seatId: string }) => s.seatId)).toEqual(['MAIN-A-1']);
    expect(hold).toMatchObject({ status: 'active', extended: true, expiresAt: claim.body.offerExpiresAt });
    // The offer's expiry is the hold's: it cannot be extended.
    const extend = await api.call('POST', `/v1/holds/${hold.id}/extend`, { holdToken: hold.token });
    expect(extend.body.type).toBe(`${PROBLEMS}hold_already_extended`);

    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.id,
        buyer: { email: 'bob@example.com', name: 'Bob' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.test/checkout/return' },
      },
      holdToken: hold.token,
      idempotencyKey: randomUUID(),
    });
    expect(order.status).toBe(201);
    await world.sandbox.decide(order.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const paid = await api.call('POST', `/v1/orders/${order.body.id}/payments/complete`, {
      orderToken: order.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    expect(paid.body.tickets.map((t: { seatId: string }) => t.seatId)).toEqual(['MAIN-A-1']);
    expect(await lineStates()).toContain('bob@example.com:claimed');
  });

  it('an expired hold frees two seats for ann; unclaimed, they pass to cat; ann`s link then answers 410', async () => {
    await api.call('PUT', `/v1/admin/events/${world.eventId}/waitlist/settings`, {
      body: { offerSeconds: 120 },
      bearer: manager,
    });
    world.clock.advance(601_000); // the web buyer's hold on A3 and A4 runs out
    await pass();
    expect(await lineStates()).toEqual([
      'ann@example.com:offered',
      'bob@example.com:claimed',
      'cat@example.com:waiting',
    ]);
    expect((await emailsTo('ann@example.com'))[0]!.text).toContain('2 seats: MAIN row A seat 3, MAIN row A seat 4');
    const annToken = await claimTokenFor('ann@example.com');
    // The web buyer's hold is gone; the seats are ann's now.
    expect((await api.call('GET', `/v1/holds/${webHold.id}`, { holdToken: webHold.token })).body.status).toBe(
      'expired',
    );

    world.clock.advance(121_000);
    await pass();
    expect(await lineStates()).toEqual([
      'ann@example.com:expired',
      'bob@example.com:claimed',
      'cat@example.com:offered',
    ]);
    const late = await api.call('POST', `/v1/waitlist/claims/${encodeURIComponent(annToken)}`);
    expect(late.status).toBe(410);
    expect(late.body.type).toBe(`${PROBLEMS}waitlist_offer_expired`);
    const catClaim = await api.call(
      'POST',
      `/v1/waitlist/claims/${encodeURIComponent(await claimTokenFor('cat@example.com'))}`,
    );
    expect(catClaim.body.hold.seats.map((s: { seatId: string }) => s.seatId)).toEqual(['MAIN-A-3', 'MAIN-A-4']);
  });

  it('leaving needs the entry token; staff of the venue see the line, others do not', async () => {
    const entries = (await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`, { bearer: clerk })).body
      .entries as { id: string; email: string; offer: { state: string } | null }[];
    expect(entries.map((e) => e.email)).toEqual(['ann@example.com', 'bob@example.com', 'cat@example.com']);
    expect(entries.map((e) => e.offer?.state)).toEqual(['expired', 'claimed', 'claimed']);

    // Dan joins (sold out again) and leaves; a wrong token looks like no entry.
    const dan = await join_('dan@example.com', 1);
    expect(dan.status).toBe(201);
    const wrong = await api.call('DELETE', `/v1/waitlist/${dan.body.id}`, {
      headers: { 'x-waitlist-token': tokens['ann@example.com']! },
    });
    expect(wrong.status).toBe(404);
    const left = await api.call('DELETE', `/v1/waitlist/${dan.body.id}`, {
      headers: { 'x-waitlist-token': dan.body.token },
    });
    expect(left.status).toBe(204);
    expect(await lineStates()).toContain('dan@example.com:left');

    const otherClerk = await api.issuer.issue({ sub: 'clerk-2', groups: ['clerk'], venueId: randomUUID() });
    // To a clerk of another venue, the line does not exist.
    expect((await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`, { bearer: otherClerk })).status).toBe(
      404,
    );
    expect(
      (await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`, { bearer: api.customerToken })).status,
    ).toBe(403);
    expect((await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`)).status).toBe(401);
  });
});

describe.each(productionDbKinds())('a tier waitlist on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    // Four seats: are the Front tier, A-3 and A-4 the Back tier.
    const map = smallHall(1, 4);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(db, {
      map,
      tiers: [
        { name: 'Front', price: { amount: 9000, currency: 'EUR' }, sectionIds: [], seatIds: ['MAIN-A-1', 'MAIN-A-2'] },
        { name: 'Back', price: { amount: 4000, currency: 'EUR' }, sectionIds: ['MAIN'], seatIds: [] },
      ],
    });
    api = await testApi(world.services);
  });
  afterAll(async () => db?.close());

  it('joins a sold-out tier while the event is not; offers come from that tier; leaving withdraws the offer', async () => {
    const event = (await api.call('GET', `/v1/events/${world.eventId}`)).body;
    const [front, back] = event.tiers as { id: string; name: string }[];
    expect([front!.name, back!.name]).toEqual(['Front', 'Back']);
    await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-1', 'MAIN-A-2'] } });
    const wait = (email: string, tierId?: string) =>
      api.call('POST', `/v1/events/${world.eventId}/waitlist`, {
        body: { email, quantity: 1, ...(tierId ? { tierId } : {}) },
      });
    const wholeEvent = await wait('eve@example.com');
    expect(wholeEvent.status).toBe(409);
    expect(wholeEvent.body.errors[0].field).toBe('eventId');
    const backTier = await wait('eve@example.com', back!.id);
    expect(backTier.body.type).toBe(`${PROBLEMS}waitlist_not_sold_out`);
    expect(backTier.body.errors[0].field).toBe('tierId');
    const fay = await wait('fay@example.com', front!.id);
    world.clock.advance(1000);
    const gus = await wait('gus@example.com', front!.id);
    expect([fay.status, gus.status]).toEqual([201, 201]);

    // Back seats are free but not what they wait for: no offer.
    expect(await world.services.waitlist.offerFor(world.eventId)).toBe(0);
    world.clock.advance(600_000); // the Front hold runs out
    expect(await world.services.waitlist.offerFor(world.eventId)).toBe(2);
    const line = (await world.services.waitlist.line(world.eventId, { sub: 'a', groups: ['admin'] })).entries;
    const holds = await db.query<{ seat_nos: number[] }>(
      `SELECT h.seat_nos FROM waitlist_offers o JOIN holds h ON h.id = o.hold_id ORDER BY o.offered_at, h.seat_nos`,
    );
    expect(line.map((e) => e.state)).toEqual(['offered', 'offered']);
    expect(holds.rows.flatMap((r) => r.seat_nos).sort()).toEqual([0, 1]);

    // Fay leaves: her offer is withdrawn and its seat is free again (and offered to nobody else: gus has one).
    const left = await api.call('DELETE', `/v1/waitlist/${fay.body.id}`, {
      headers: { 'x-waitlist-token': fay.body.token },
    });
    expect(left.status).toBe(204);
    const after = (await world.services.waitlist.line(world.eventId, { sub: 'a', groups: ['admin'] })).entries;
    expect(after.map((e) => [e.state, e.offer?.state])).toEqual([
      ['left', 'withdrawn'],
      ['offered', 'open'],
    ]);
    const availability = (await api.call('GET', `/v1/events/${world.eventId}/availability`)).body;
    expect(availability.tiers.find((t: { tierId: string }) => t.tierId === front!.id).available).toBe(1);
  });
});
