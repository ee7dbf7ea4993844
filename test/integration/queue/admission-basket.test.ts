// One place in the waiting room buys one basket (migration 0037): the web holds let in at a place take at most the
// event's per-order limit of seats at a time, held or bought, whatever admission token of that place they came with;
// a released or expired hold gives its share back; a hold past the limit is refused (409 admission_basket_full,
// `quantity`) and its seats are free again at once. On real Postgres, holds made at once with one admission never
// squeeze past the limit together.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { PROBLEM_BASE as PROBLEM } from '../../../cloud/contract/index.ts';
import { admitQueueHold } from '../../../cloud/db/queue-baskets.ts';
import { holdSeats } from '../../../cloud/db/inventory/holds.ts';
import { drainFacts } from '../../../cloud/db/queue.ts';

const LIMIT = 4;

describe.each(dbKinds())('one basket per place in the waiting room on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { map: smallHall(9, 10), event: { perOrderLimit: LIMIT } });
    api = await testApi(world.services);
    await world.services.queue.settings.set(
      world.eventId,
      {
        enabled: true,
        opensAt: new Date(world.clock.now().getTime() - 1_000).toISOString(),
        admissionPerMinute: null,
        onePlacePer: 'session',
        challengeBits: 0,
        tokenMinutes: 1,
      },
      { sub: 'admin-1', groups: ['admin'] },
    );
  });
  afterAll(async () => db.close());

  /** A buyer who joined and was let in: the ticket (to ask again) and the admission's headers. */
  const admittedBuyer = async () => {
    const room = world.services.queue.room;
    const session = randomUUID().replace(/-/g, '');
    const { challenge } = await room.challenge(world.eventId);
    const { ticket } = await room.join(world.eventId, { session, challenge, nonce: '0' }, undefined);
    world.clock.advance(1_000); // the state's one-second copy: the join is seen and let in
    const buyer = { session, ticket, place: 0, headers: {} as Record<string, string> };
    await readmit(buyer);
    return buyer;
  };
  /** Asks for an admission again with the buyer's ticket (a new token, the same place). */
  const readmit = async (buyer: { session: string; ticket: string; place: number; headers: object }) => {
    const admission = await world.services.queue.room.admit(world.eventId, { ticket: buyer.ticket });
    if (buyer.place) expect(admission.place).toBe(buyer.place);
    buyer.place = admission.place;
    buyer.headers = { 'x-queue-admission': admission.token, 'x-queue-session': buyer.session };
  };

  const hold = (seatIds: string[], headers: object) =>
    api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds },
      headers: headers as Record<string, string>,
    });
  const statusOf = async (seatIds: string[]) =>
    (
      await db.query<{ status: string }>(
        'SELECT status FROM event_seats WHERE event_id = $1 AND seat_id = ANY($2) ORDER BY seat_id',
        [world.eventId, seatIds],
      )
    ).rows.map((row) => row.status);
  const expectBasketFull = (refused: Awaited<ReturnType<typeof hold>>) => {
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toBe(`${PROBLEM}admission_basket_full`);
    expect(refused.body.errors[0].field).toBe('quantity');
    // What the place may still take, its held seats counted: the shop gives those back only when that would help.
    expect(typeof refused.body.basketLeft).toBe('number');
  };

  it('holds up to the limit with one admission, refuses the seat past it and frees that seat at once', async () => {
    const buyer = await admittedBuyer();
    expect((await hold(['MAIN-A-1', 'MAIN-A-2'], buyer.headers)).status).toBe(201);
    const second = await hold(['MAIN-A-3', 'MAIN-A-4'], buyer.headers);
    expect(second.status).toBe(201);
    const refused = await hold(['MAIN-A-5'], buyer.headers);
    expectBasketFull(refused);
    expect(refused.body.detail).toContain(`${LIMIT} already`);
    expect(refused.body.basketLeft).toBe(0);
    expect(await statusOf(['MAIN-A-5'])).toEqual(['available']);

    // Another place has a basket of its own.
    const other = await admittedBuyer();
    expect(other.place).not.toBe(buyer.place);
    expect((await hold(['MAIN-B-1', 'MAIN-B-2', 'MAIN-B-3', 'MAIN-B-4'], other.headers)).status).toBe(201);

    // A released hold gives its share back.
    const released = await api.call('DELETE', `/v1/holds/${second.body.id}`, { holdToken: second.body.token });
    expect(released.status).toBe(204);
    expect((await hold(['MAIN-A-5', 'MAIN-A-6'], buyer.headers)).status).toBe(201);
    expectBasketFull(await hold(['MAIN-A-7'], buyer.headers));

    // The drain rule counts a place as one buyer, however many holds it took: two buyers of four seats each.
    expect((await drainFacts(db, world.eventId, true)).baskets).toEqual({ buyers: 2, seats: 2 * LIMIT });
  });

  it('keeps the basket over a new admission of the same place, gives back expired holds, and counts sold seats', async () => {
    const buyer = await admittedBuyer();
    const first = await hold(['MAIN-C-1', 'MAIN-C-2', 'MAIN-C-3'], buyer.headers);
    expect(first.status).toBe(201);
    world.clock.advance(61_000); // the admission (one minute) ran out; the hold (ten) did not
    await readmit(buyer);
    expectBasketFull(await hold(['MAIN-C-4', 'MAIN-C-5'], buyer.headers));
    expect(await statusOf(['MAIN-C-4', 'MAIN-C-5'])).toEqual(['available', 'available']);

    world.clock.advance(600_000); // the hold expired (the sweeper has not been by): its seats count no longer
    await readmit(buyer);
    const bought = await hold(['MAIN-C-6', 'MAIN-C-7', 'MAIN-C-8'], buyer.headers);
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: bought.body.id,
        buyer: { email: 'queued@example.com', name: 'Queued Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/checkout/return' },
      },
      holdToken: bought.body.token,
      idempotencyKey: randomUUID(),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    await world.sandbox.decide(order.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const paid = await api.call('POST', `/v1/orders/${order.body.id}/payments/complete`, {
      orderToken: order.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state, JSON.stringify(paid.body)).toBe('paid');

    // Bought seats stay in the basket: one more seat fits, two do not, however long after.
    world.clock.advance(600_000);
    await readmit(buyer);
    expectBasketFull(await hold(['MAIN-C-9', 'MAIN-C-10'], buyer.headers));
    expect((await hold(['MAIN-C-9'], buyer.headers)).status).toBe(201);
  });

  it('lets through no more than the limit of holds made at once with one admission', async () => {
    const buyer = await admittedBuyer();
    const seats = Array.from({ length: 10 }, (_, i) => `MAIN-D-${i + 1}`);
    const answers = await Promise.all(seats.map((seat) => hold([seat], buyer.headers)));
    const made = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(made).toHaveLength(LIMIT);
    for (const answer of refused) expectBasketFull(answer);
    const marked = await db.query<{ seats: string }>(
      `SELECT sum(cardinality(seat_nos)) AS seats FROM holds
        WHERE event_id = $1 AND queue_admitted AND queue_place = $2 AND state = 'active'`,
      [world.eventId, buyer.place],
    );
    expect(Number(marked.rows[0]!.seats)).toBe(LIMIT);
    const statuses = await statusOf(seats);
    expect(statuses.filter((status) => status === 'held')).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 'available')).toHaveLength(seats.length - LIMIT);
  });

  it('marks no more than the limit when the marks themselves race, round after round', async () => {
    // The statement alone, many at once on their own connections: the widest window two marks could share.
    for (let round = 0; round < 4; round++) {
      const row = String.fromCharCode(69 + round); // rows E–H, a hold a seat, not marked yet
      const holds: string[] = [];
      for (let n = 1; n <= 8; n++) {
        const id = randomUUID();
        const now = world.clock.now();
        const made = await holdSeats(
          db,
          {
            holdId: id,
            eventId: world.eventId,
            tokenHash: id,
            ownerSub: null,
            totalAmount: 5000,
            currency: 'EUR',
            now,
            expiresAt: new Date(now.getTime() + 600_000),
          },
          [`MAIN-${row}-${n}`],
        );
        expect(made.outcome).toBe('held');
        holds.push(id);
      }
      const place = 1_000 + round;
      const marks = await Promise.all(
        holds.map((id) => admitQueueHold(db, { id, eventId: world.eventId }, place, LIMIT, world.clock.now())),
      );
      expect(marks.filter((mark) => mark.marked)).toHaveLength(LIMIT);
    }
  });
});
