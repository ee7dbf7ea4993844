// Taking an allotment back while something else acts on it, on a real Postgres server: of two releases only one
// takes the seats back (the other is told there is no such allotment any more, and the audit log has one entry);
// a release racing a box-office sale from the allotment never puts the sold seat back on sale. Both the release and
// the sale lock the allotment's row, so the one that waits sees what the other left.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import { endHold, lockActiveAllotment, splitAllotment } from '../../../cloud/db/inventory/holds.ts';
import type { Db } from '../../../cloud/db/port.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, postgresUrl } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const ROUNDS = 12;

describe.skipIf(!postgresUrl())('allotments taken back under races on real Postgres', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: Principal;
  let boxOffice: { id: string; token: string };

  beforeAll(async () => {
    db = await freshDb('postgres', { maxConnections: 20 });
    world = await buildWorld(db, { map: smallHall(10, 10), now: new Date() });
    api = await testApi(world.services);
    manager = { sub: 'manager-race', groups: ['venue_manager'], venueId: world.venueId };
    const counter = await world.services.identity.createDevice({
      venueId: world.venueId,
      kind: 'boxoffice',
      name: 'Counter 1',
    });
    boxOffice = {
      id: counter.id,
      token: await api.issuer.issue({ sub: counter.id, groups: ['boxoffice'], venueId: world.venueId }),
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  const desk = () => world.services.backofficeOrders.allotments;
  const allot = async (seatIds: string[]) =>
    (await desk().assign(world.eventId, { deviceId: boxOffice.id, seatIds }, manager)).id;
  const release = (allotmentId: string) =>
    desk()
      .release(world.eventId, allotmentId, manager)
      .then(
        () => 'released',
        (error: { code?: string }) => error.code ?? String(error),
      );
  const statusOf = async (seatId: string) =>
    (
      await db.query<{ status: string; hold_id: string | null }>(
        'SELECT status, hold_id FROM event_seats WHERE event_id = $1 AND seat_id = $2',
        [world.eventId, seatId],
      )
    ).rows[0]!;
  const releasesOf = async (allotmentId: string) =>
    (await searchAuditEntries(db, { objectType: 'event', objectId: world.eventId, limit: 500 })).filter(
      (entry) =>
        entry.action === 'seat.release_allotment' &&
        (entry.before as { allotmentId?: string } | null)?.allotmentId === allotmentId,
    );
  /** Resolves once some backend waits for a row lock: the second of two racers has met the first's lock. */
  const someoneWaitsForALock = async () => {
    for (;;) {
      const waiting = await db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting.rows.length > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  it('takes an allotment back once when two releases race', async () => {
    // Rows A–C: two seats each round.
    const rounds = await Promise.all(
      Array.from({ length: ROUNDS }, async (_, i) => {
        const row = String.fromCharCode(65 + Math.floor(i / 4));
        const seatIds = [`MAIN-${row}-${(i % 4) * 2 + 1}`, `MAIN-${row}-${(i % 4) * 2 + 2}`];
        return { seatIds, allotmentId: await allot(seatIds) };
      }),
    );
    const outcomes = await Promise.all(
      rounds.map(async (round) => ({
        ...round,
        outcomes: await Promise.all([release(round.allotmentId), release(round.allotmentId)]),
      })),
    );
    for (const { allotmentId, seatIds, outcomes: both } of outcomes) {
      expect(both.sort(), allotmentId).toEqual(['not_found', 'released']);
      expect(await releasesOf(allotmentId), allotmentId).toHaveLength(1);
      for (const seatId of seatIds) expect((await statusOf(seatId)).status).toBe('available');
    }
  });

  it('refuses the second release when the first commits while it waits', async () => {
    const allotmentId = await allot(['MAIN-D-1', 'MAIN-D-2']);
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let took!: () => void;
    const taken = new Promise<void>((resolve) => (took = resolve));
    // The first release, held open after it ended the allotment.
    const first = db.transaction(async (tx) => {
      const hold = await lockActiveAllotment(tx, allotmentId, world.eventId);
      expect(hold).not.toBeNull();
      expect((await endHold(tx, hold!, world.clock.now())).seats).toHaveLength(2);
      took();
      await gate;
    });
    await taken;
    const second = release(allotmentId);
    await someoneWaitsForALock();
    commit();
    await first;
    expect(await second).toBe('not_found');
    // Only the first wrote to the log (it went round the service); the second wrote nothing.
    expect(await releasesOf(allotmentId)).toHaveLength(0);
  });

  it('leaves a seat sold from the allotment sold when the release waits for the sale', async () => {
    const allotmentId = await allot(['MAIN-E-1', 'MAIN-E-2', 'MAIN-E-3']);
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let took!: () => void;
    const taken = new Promise<void>((resolve) => (took = resolve));
    // A sale from the allotment, held open after it moved its seat out of the allotment.
    const selling = db.transaction(async (tx) => {
      const moved = await splitAllotment(tx, {
        allotmentId,
        seatIds: ['MAIN-E-2'],
        holdId: randomUUID(),
        tokenHash: 'race',
        totalAmount: 5000,
        now: world.clock.now(),
      });
      expect(moved).toHaveLength(1);
      took();
      await gate;
    });
    await taken;
    const releasing = release(allotmentId);
    await someoneWaitsForALock();
    commit();
    await selling;
    expect(await releasing).toBe('released');
    expect((await statusOf('MAIN-E-1')).status).toBe('available');
    expect((await statusOf('MAIN-E-3')).status).toBe('available');
    // The sold seat stays with the sale's own hold, not back on sale.
    const sold = await statusOf('MAIN-E-2');
    expect(sold.status).toBe('held');
    expect(sold.hold_id).not.toBe(allotmentId);
    const [entry] = await releasesOf(allotmentId);
    expect(entry!.before).toMatchObject({ seatIds: ['MAIN-E-1', 'MAIN-E-3'] });
  });

  it('never sells a seat it put back on sale: box-office sales race releases', async () => {
    const rows = ['F', 'G', 'H', 'I', 'J'];
    const results = await Promise.all(
      rows.flatMap((row) =>
        [1, 4, 7].map(async (first) => {
          const seatIds = [first, first + 1, first + 2].map((n) => `MAIN-${row}-${n}`);
          const allotmentId = await allot(seatIds);
          const sale = api
            .call('POST', '/v1/orders', {
              body: {
                holdId: allotmentId,
                allotmentSeatIds: [seatIds[0]],
                buyer: { email: 'walk-in@example.com', name: 'Walk In' },
                delivery: { method: 'print_at_venue' },
                payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
              },
              bearer: boxOffice.token,
              idempotencyKey: randomUUID(),
            })
            .then((answer) => ({ status: answer.status, type: String(answer.body?.type ?? '') }));
          const [sold, released] = await Promise.all([sale, release(allotmentId)]);
          return { seatIds, sold, released };
        }),
      ),
    );
    for (const { seatIds, sold, released } of results) {
      expect(released, seatIds.join()).toBe('released');
      const [first, ...rest] = await Promise.all(seatIds.map(statusOf));
      for (const seat of rest) expect(seat.status).toBe('available');
      const tickets = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM tickets WHERE event_id = $1 AND seat_id = $2 AND status = 'valid'`,
        [world.eventId, seatIds[0]],
      );
      if (sold.status === 201) {
        expect(first!.status).toBe('sold');
        expect(tickets.rows[0]!.count).toBe(1);
      } else {
        // The release came first: the sale is refused and the seat is on sale, with no ticket for it.
        expect(sold.type, seatIds.join()).toMatch(/hold_not_active$/);
        expect(first!.status).toBe('available');
        expect(tickets.rows[0]!.count).toBe(0);
      }
    }
  });
});
