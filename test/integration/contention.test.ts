// 300 concurrent clients race through HTTP for the same 60 seats on a real Postgres server, explicit seats and
// best available mixed: every seat ends in at most one active hold, every answer is 201 or 409, none 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { startLocalCloud, type LocalCloud } from '../../cloud/local/server.ts';
import { createPostgresDatabase, postgresUrl } from '../support/databases.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';

const CLIENTS = 300;

describe.skipIf(!postgresUrl())('contention on real Postgres', () => {
  let cloud: LocalCloud;
  let eventId: string;
  const dispatcher = new Agent({ connections: CLIENTS, pipelining: 0 });

  beforeAll(async () => {
    cloud = await startLocalCloud({
      port: 0,
      databaseUrl: await createPostgresDatabase(),
      seed: false,
      maxConnections: 20,
      rateLimits: { holds: { limit: 1_000_000, windowSeconds: 60 } },
    });
    const admin = cloud.services.admin;
    const venue = await admin.createVenue({ name: 'Arena', city: 'Lyon', timezone: 'Europe/Paris' });
    const map = await admin.importSeatMap(venue.id, smallHall(6, 10));
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Hot Show', perOrderLimit: 6 });
  });
  afterAll(async () => {
    await dispatcher.close();
    await cloud?.close();
  });

  it('never holds a seat twice', async () => {
    const seatIds = Array.from(
      { length: 60 },
      (_, i) => `MAIN-${String.fromCharCode(65 + Math.floor(i / 10))}-${(i % 10) + 1}`,
    );
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const bodies = Array.from({ length: CLIENTS }, (_, i) => {
      const quantity = 1 + Math.floor(random() * 4);
      if (i % 2 === 0) return { bestAvailable: { quantity } };
      // Explicit picks cluster on the front rows, where everybody wants to sit.
      const start = Math.floor(random() * 25);
      return { seatIds: seatIds.slice(start, start + quantity) };
    });

    const responses = await Promise.all(
      bodies.map(async (body) => {
        const response = await fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          // @ts-expect-error undici's dispatcher option is not in the DOM fetch types
          dispatcher,
        });
        return {
          status: response.status,
          body: (await response.json()) as { seats?: { seatId: string }[]; id?: string; type?: string },
        };
      }),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const won = responses.filter((r) => r.status === 201);
    const heldSeats = won.flatMap((r) => r.body.seats!.map((s) => s.seatId));
    expect(new Set(heldSeats).size).toBe(heldSeats.length);
    expect(heldSeats.length).toBeLessThanOrEqual(60);
    // Most of the house is sold: only seats nobody's request fits are left.
    expect(heldSeats.length).toBeGreaterThan(45);

    const db = cloud.services.db;
    const rows = await db.query<{ seat_id: string; hold_id: string }>(
      `SELECT seat_id, hold_id FROM event_seats WHERE event_id = $1 AND status = 'held' ORDER BY seat_id`,
      [eventId],
    );
    const owner = new Map(won.flatMap((r) => r.body.seats!.map((s) => [s.seatId, r.body.id!] as const)));
    expect(rows.rows.length).toBe(heldSeats.length);
    for (const row of rows.rows) expect(owner.get(row.seat_id)).toBe(row.hold_id);
    const activeHolds = await db.query<{ seat_nos: number[] }>(
      `SELECT seat_nos FROM holds WHERE event_id = $1 AND state = 'active'`,
      [eventId],
    );
    const claimed = activeHolds.rows.flatMap((h) => h.seat_nos);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(activeHolds.rows.length).toBe(won.length);
    console.log(
      `contention: ${won.length} holds won (${heldSeats.length} of 60 seats), ${CLIENTS - won.length} refused with 409`,
    );
  });
});
