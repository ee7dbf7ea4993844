// A block racing a buyer's hold for the same seats on a real Postgres server: exactly one of them gets each seat,
// whichever commits first, the other is refused seats_unavailable, and the seat ends as the winner left it; blocks
// and holds over the same several seats, named in opposite orders, never deadlock (both lock in seat-map order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { blockSeats } from '../../../cloud/db/inventory/blocks.ts';
import { holdSeats } from '../../../cloud/db/inventory/holds.ts';
import type { Db } from '../../../cloud/db/port.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { freshDb, postgresUrl } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const ROUNDS = 40;

describe.skipIf(!postgresUrl())('blocks racing holds on real Postgres', () => {
  let db: Db;
  let world: World;
  let manager: Principal;

  beforeAll(async () => {
    db = await freshDb('postgres', { maxConnections: 20 });
    world = await buildWorld(db, { map: smallHall(10, 10), now: new Date() });
    manager = { sub: 'manager-race', groups: ['venue_manager'], venueId: world.venueId };
  });
  afterAll(async () => {
    await db.close();
  });

  const statusOf = async (seatId: string) =>
    (
      await db.query<{ status: string }>('SELECT status FROM event_seats WHERE event_id = $1 AND seat_id = $2', [
        world.eventId,
        seatId,
      ])
    ).rows[0]!.status;

  it('gives each seat to exactly one of a block and a hold', async () => {
    const { seats } = world.services.backofficeOrders;
    // Rows A–F, a seat each round (F-9, F-10 and rows G–J are the next tests').
    const seatIds = Array.from(
      { length: ROUNDS },
      (_, i) => `MAIN-${String.fromCharCode(65 + (i % 6))}-${Math.floor(i / 6) + 1}`,
    );
    const outcomes = await Promise.all(
      seatIds.map(async (seatId, i) => {
        const block = () => seats.block(world.eventId, { seatIds: [seatId], kind: 'house', note: '' }, manager);
        const hold = () => world.services.holds.create(world.eventId, { seatIds: [seatId] }, undefined);
        // Alternate who starts first, so both orders of arrival are raced.
        const [first, second] = i % 2 === 0 ? [block(), hold()] : [hold(), block()];
        const [a, b] = await Promise.allSettled([first, second]);
        const [blocked, held] = i % 2 === 0 ? [a, b] : [b, a];
        return { seatId, blocked, held };
      }),
    );
    let blockWins = 0;
    for (const { seatId, blocked, held } of outcomes) {
      const wins = [blocked, held].filter((result) => result.status === 'fulfilled');
      expect(wins, seatId).toHaveLength(1);
      const loser = [blocked, held].find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ code: 'seats_unavailable' });
      const status = await statusOf(seatId);
      if (blocked.status === 'fulfilled') {
        blockWins++;
        expect(status).toBe('unavailable');
      } else {
        expect(status).toBe('held');
      }
    }
    expect(blockWins).toBeGreaterThan(0);
  });

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

  it('refuses the block when a hold that took the seat first commits while the block waits', async () => {
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let took!: () => void;
    const taken = new Promise<void>((resolve) => (took = resolve));
    const now = world.clock.now();
    const holding = db.transaction(async (tx) => {
      const held = await holdSeats(
        tx,
        {
          holdId: randomUUID(),
          eventId: world.eventId,
          tokenHash: 'race',
          ownerSub: null,
          totalAmount: 5000,
          currency: 'EUR',
          now,
          expiresAt: new Date(now.getTime() + 600_000),
        },
        ['MAIN-F-10'],
      );
      expect(held.outcome).toBe('held');
      took();
      await gate;
    });
    await taken;
    // The hold's transaction is open; the block now meets its row lock and waits for it.
    const blocking = world.services.backofficeOrders.seats
      .block(world.eventId, { seatIds: ['MAIN-F-10'], kind: 'kill', note: '' }, manager)
      .then(
        () => 'blocked',
        (error: { code?: string }) => error.code,
      );
    await someoneWaitsForALock();
    commit();
    await holding;
    expect(await blocking).toBe('seats_unavailable');
    expect(await statusOf('MAIN-F-10')).toBe('held');
  });

  it('refuses the hold when a block that took the seat first commits while the hold waits', async () => {
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let took!: () => void;
    const taken = new Promise<void>((resolve) => (took = resolve));
    const seatNo = (
      await db.query<{ seat_no: number }>('SELECT seat_no FROM event_seats WHERE event_id = $1 AND seat_id = $2', [
        world.eventId,
        'MAIN-F-9',
      ])
    ).rows[0]!.seat_no;
    const blocking = db.transaction(async (tx) => {
      const blocked = await blockSeats(tx, world.eventId, [seatNo], {
        kind: 'house',
        note: '',
        by: 'race',
        now: world.clock.now(),
      });
      expect(blocked).toHaveProperty('blocked');
      took();
      await gate;
    });
    await taken;
    const holding = world.services.holds.create(world.eventId, { seatIds: ['MAIN-F-9'] }, undefined).then(
      () => 'held',
      (error: { code?: string }) => error.code,
    );
    await someoneWaitsForALock();
    commit();
    await blocking;
    expect(await holding).toBe('seats_unavailable');
    expect(await statusOf('MAIN-F-9')).toBe('unavailable');
  });

  it('never deadlocks when a block and a hold name the same seats in opposite orders', async () => {
    const { seats } = world.services.backofficeOrders;
    const rows = ['G', 'H', 'I', 'J'];
    const results = await Promise.all(
      rows.map(async (row) => {
        const forward = [1, 2, 3, 4, 5].map((n) => `MAIN-${row}-${n}`);
        const [blocked, held] = await Promise.allSettled([
          seats.block(world.eventId, { seatIds: forward, kind: 'production', note: '' }, manager),
          world.services.holds.create(world.eventId, { seatIds: [...forward].reverse() }, undefined),
        ]);
        return { forward, blocked, held };
      }),
    );
    for (const { forward, blocked, held } of results) {
      expect([blocked, held].filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of [blocked, held]) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'seats_unavailable' });
      }
      const statuses = await Promise.all(forward.map(statusOf));
      expect(new Set(statuses).size).toBe(1);
      expect(statuses[0]).toBe(blocked.status === 'fulfilled' ? 'unavailable' : 'held');
    }
  });
});
