// Property: any sequence of hold / release / expire / extend / sweep keeps the database and a simple model in step,
// and no seat is ever in two live holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../support/databases.ts';
import { buildWorld, smallHall } from '../support/world.ts';
import { isDomainError } from '../../cloud/domain/errors.ts';
import { buildSeatLayout } from '../../cloud/domain/seatmap/layout.ts';
import { findBestAvailable } from '../../cloud/domain/inventory/best-available.ts';
import { unpackStatuses } from '../../cloud/domain/inventory/availability-pack.ts';
import type { Db } from '../../cloud/db/port.ts';

const ROWS = 3;
const PER_ROW = 6;
const TTL_MS = 60_000;
const map = smallHall(ROWS, PER_ROW, 10);
const layout = buildSeatLayout(map);
const seatIds = map.seats.map((s) => s.id);

type Op =
  | { kind: 'hold'; seats: number[] }
  | { kind: 'best'; quantity: number }
  | { kind: 'release'; which: number }
  | { kind: 'extend'; which: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'sweep' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(fc.integer({ min: 0, max: seatIds.length - 1 }), { minLength: 1, maxLength: 4 })
      .map((seats) => ({ kind: 'hold' as const, seats })),
  },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }).map((quantity) => ({ kind: 'best' as const, quantity })) },
  { weight: 2, arbitrary: fc.nat(20).map((which) => ({ kind: 'release' as const, which })) },
  { weight: 2, arbitrary: fc.nat(20).map((which) => ({ kind: 'extend' as const, which })) },
  { weight: 2, arbitrary: fc.integer({ min: 1_000, max: 50_000 }).map((ms) => ({ kind: 'advance' as const, ms })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
);

interface ModelHold {
  id: string;
  token: string;
  seats: number[];
  expiresAt: number;
  extended: boolean;
  released: boolean;
}

describe('hold engine property', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb('pglite');
  });
  afterAll(async () => db.close());

  it('keeps the inventory equal to the model under random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const world = await buildWorld(db, { map, event: { holdTtlSeconds: TTL_MS / 1000 } });
        const holds: ModelHold[] = [];
        const now = () => world.clock.now().getTime();
        const live = (hold: ModelHold) => !hold.released && hold.expiresAt > now();
        const owner = (seat: number) => holds.find((h) => live(h) && h.seats.includes(seat));
        const freeMask = () => Uint8Array.from(seatIds, (_, seat) => (owner(seat) ? 0 : 1));

        for (const step of ops) {
          if (step.kind === 'hold' || step.kind === 'best') {
            const request =
              step.kind === 'hold'
                ? { seatIds: step.seats.map((s) => seatIds[s]!) }
                : { bestAvailable: { quantity: step.quantity } };
            const expectFree = step.kind === 'hold' ? step.seats.every((seat) => !owner(seat)) : null;
            try {
              const hold = await world.services.holds.create(world.eventId, request);
              const seats = hold.seats.map((s) => seatIds.indexOf(s.seatId));
              if (expectFree === false) throw new Error(`held ${request.seatIds} though the model has them taken`);
              expect(seats.every((seat) => !owner(seat))).toBe(true);
              holds.push({
                id: hold.id,
                token: hold.token,
                seats,
                expiresAt: Date.parse(hold.expiresAt),
                extended: false,
                released: false,
              });
            } catch (error) {
              if (!isDomainError(error)) throw error;
              if (step.kind === 'hold') {
                expect(error.code).toBe('seats_unavailable');
                expect(expectFree).toBe(false);
              } else {
                expect(error.code).toBe('no_adjacent_seats');
                const tierOf = new Int16Array(seatIds.length);
                expect(
                  findBestAvailable(layout, { free: freeMask(), tierOf, tierRank: [0] }, { quantity: step.quantity }),
                ).toBeNull();
              }
            }
          } else if (step.kind === 'release' && holds.length > 0) {
            const hold = holds[step.which % holds.length]!;
            await world.services.holds.release(hold.id, { token: hold.token });
            hold.released = true;
          } else if (step.kind === 'extend' && holds.length > 0) {
            const hold = holds[step.which % holds.length]!;
            const allowed = live(hold) && !hold.extended;
            try {
              const extended = await world.services.holds.extend(hold.id, { token: hold.token });
              expect(allowed).toBe(true);
              hold.extended = true;
              hold.expiresAt = Date.parse(extended.expiresAt);
              expect(hold.expiresAt).toBe(Math.max(now() + TTL_MS, hold.expiresAt));
            } catch (error) {
              if (!isDomainError(error)) throw error;
              expect(allowed).toBe(false);
            }
          } else if (step.kind === 'advance') {
            world.clock.advance(step.ms);
          } else if (step.kind === 'sweep') {
            await world.services.holds.sweepExpired();
          }

          const availability = await world.services.catalog.availability(world.eventId);
          const codes = unpackStatuses(Buffer.from(availability.statuses, 'base64'), availability.seatCount);
          const expected = seatIds.map((_, seat) => (owner(seat) ? 1 : 0));
          expect([...codes]).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
