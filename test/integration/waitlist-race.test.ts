// Real Postgres: many offering passes at once, while holds are released, buyers grab freed seats and offers lapse,
// never offer a seat to two entries at once. After each random round, every open or claimed offer's hold has its
// seats to itself (no seat in two live holds, each seat's row names that hold), an entry has at most one open offer,
// and an entry is 'offered' exactly when it has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../cloud/db/port.ts';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, smallHall, type World } from '../support/world.ts';

/** A small deterministic generator, so a failing round can be run again. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const SEEDS = [1, 2, 3];

describe.skipIf(!dbKinds().includes('postgres'))('waitlist offers under concurrency on real Postgres', () => {
  let db: Db;

  beforeAll(async () => {
    db = await freshDb('postgres', { maxConnections: 16 });
  });
  afterAll(async () => db?.close());

  it.each(SEEDS)('seed %i: no seat is offered to two entries at once', async (seed) => {
    const next = random(seed);
    const map = smallHall(5, 10);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    const world: World = await buildWorld(db, { map, now: new Date() });
    const { services, eventId, clock } = world;
    await services.waitlist.setSettings(eventId, { offerSeconds: 60 }, { sub: 'admin', groups: ['admin'] });

    // Sell out the 50 seats as 25 holds of two, then 40 people join with 1 to 3 each.
    const holds: { id: string; token: string }[] = [];
    for (let row = 0; row < 5; row++) {
      for (let pair = 0; pair < 5; pair++) {
        const seatIds = [1, 2].map((k) => `MAIN-${String.fromCharCode(65 + row)}-${pair * 2 + k}`);
        holds.push(await services.holds.create(eventId, { seatIds }));
      }
    }
    for (let i = 0; i < 40; i++) {
      await services.waitlist.join(eventId, { email: `p${i}@example.com`, quantity: 1 + Math.floor(next() * 3) });
      clock.advance(10);
    }

    for (let round = 0; round < 6; round++) {
      const work: Promise<unknown>[] = [];
      for (let k = 0; k < 4 && holds.length > 0; k++) {
        const [released] = holds.splice(Math.floor(next() * holds.length), 1);
        work.push(services.holds.release(released!.id, { token: released!.token }));
      }
      for (let k = 0; k < 8; k++) work.push(services.waitlist.offerFor(eventId));
      // A buyer after a freed seat, racing the passes (refused when none is left).
      work.push(services.holds.create(eventId, { bestAvailable: { quantity: 1 } }).catch(() => null));
      if (round % 2 === 1) clock.advance(61_000); // open offers lapse and pass on
      await Promise.all(work);
      await expectNoSeatOfferedTwice(db, eventId, clock.now());
    }
    const offers = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM waitlist_offers WHERE event_id = $1', [
      eventId,
    ]);
    expect(offers.rows[0]!.n).toBeGreaterThan(5);
  });
});

/** Over the offers live now (open or claimed, their hold active and not past its expiry). */
async function expectNoSeatOfferedTwice(db: Db, eventId: string, now: Date): Promise<void> {
  const live = await db.query<{ entry_id: string; hold_id: string; seat_nos: number[]; offer_state: string }>(
    `SELECT o.entry_id, o.hold_id, h.seat_nos, o.state AS offer_state FROM waitlist_offers o
     JOIN holds h ON h.id = o.hold_id
     WHERE o.event_id = $1 AND o.state IN ('open', 'claimed') AND h.state = 'active' AND h.expires_at > $2`,
    [eventId, now.toISOString()],
  );
  const owner = new Map<number, string>();
  for (const offer of live.rows) {
    for (const seatNo of offer.seat_nos) {
      expect(owner.get(seatNo), `seat ${seatNo} offered twice`).toBeUndefined();
      owner.set(seatNo, offer.hold_id);
    }
  }
  if (owner.size > 0) {
    const seats = await db.query<{ seat_no: number; hold_id: string | null; status: string }>(
      'SELECT seat_no, hold_id, status FROM event_seats WHERE event_id = $1 AND seat_no = ANY($2::int[])',
      [eventId, [...owner.keys()]],
    );
    for (const seat of seats.rows) expect(seat).toMatchObject({ status: 'held', hold_id: owner.get(seat.seat_no) });
  }
  const entries = await db.query<{ state: string; open: number }>(
    `SELECT e.state, (SELECT count(*)::int FROM waitlist_offers o WHERE o.entry_id = e.id AND o.state = 'open') AS open
     FROM waitlist_entries e WHERE e.event_id = $1`,
    [eventId],
  );
  for (const entry of entries.rows) expect(entry.open).toBe(entry.state === 'offered' ? 1 : 0);
}
