// Allotments: seats a box office (the device, or a clerk) reserves until sales end, to sell at the counter — also
// while offline. An allotment is a hold of theirs with a long expiry; checkout takes seats out of it, order by order.
import { randomBytes, randomUUID } from 'node:crypto';
import { holdSeats, markAllotment, type HoldSeatsOutcome } from '../../db/inventory/holds.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CreatedHold } from '../../contract/index.ts';
import type { Queryable } from '../../db/port.ts';
import type { Principal } from '../ports.ts';
import { priceOfSeats, seatNosOf, type EventContext } from '../catalog/event-context.ts';
import { hashHoldToken } from '../access/hold-access.ts';
import { assertActsForVenue } from '../access/venue-access.ts';
import { explainRefusal, newHoldRow, publish, type HoldDeps } from './hold-deps.ts';
import { presentHold } from './hold-view.ts';

class Refused extends Error {
  constructor(readonly outcome: Exclude<HoldSeatsOutcome, { outcome: 'held' }>) {
    super('refused');
  }
}

export class Allotments {
  constructor(private readonly deps: HoldDeps) {}

  async create(eventId: string, seatIds: string[], principal: Principal | undefined): Promise<CreatedHold> {
    if (!principal || !principal.groups.some((g) => g === 'boxoffice' || g === 'clerk' || g === 'admin')) {
      throw new DomainError(principal ? 'forbidden' : 'unauthorized', 'Allotments are for the box office.');
    }
    const context = await this.deps.contexts.require(eventId);
    assertActsForVenue(principal, context.event.venue_id);
    return this.reserve(context, seatIds, principal.sub);
  }

  /**
   * Reserves these seats as an allotment owned by `ownerSub` (a box office's device or clerk) until sales end, all or
   * none; `inTransaction` runs in the same transaction once the seats are held (the back office's audit entry).
   */
  async reserve(
    context: EventContext,
    seatIds: string[],
    ownerSub: string,
    inTransaction?: (tx: Queryable, holdId: string) => Promise<void>,
  ): Promise<CreatedHold> {
    const { deps } = this;
    const eventId = context.event.id;
    const { layout } = context.seatMap;
    const seatNos = seatNosOf(context, seatIds, 'seatIds').sort((a, b) => a - b);
    const now = deps.clock.now();
    const token = randomBytes(24).toString('base64url');
    const totalAmount = priceOfSeats(context, seatNos);
    const base = {
      holdId: randomUUID(),
      eventId,
      tokenHash: hashHoldToken(token),
      ownerSub,
      currency: context.event.currency,
      now,
      expiresAt: context.event.on_sale_until,
    };
    // A refusal ends the transaction by throwing: a statement that failed part-way (TB409) leaves it aborted, and
    // PGlite refuses to commit an aborted transaction where Postgres would quietly roll it back.
    const outcome = await deps.db
      .transaction(async (tx) => {
        const result = await holdSeats(
          tx,
          { ...base, totalAmount },
          seatNos.map((n) => layout.seatIds[n]!),
        );
        if (result.outcome !== 'held') throw new Refused(result);
        await markAllotment(tx, base.holdId);
        await inTransaction?.(tx, base.holdId);
        return result;
      })
      .catch((error: unknown) => {
        if (error instanceof Refused) return error.outcome;
        throw error;
      });
    if (outcome.outcome === 'not_on_sale') {
      await explainRefusal(deps, context, now);
      throw new DomainError('event_not_on_sale', 'This event is not on sale.');
    }
    if (outcome.outcome === 'unavailable') {
      throw new DomainError(
        'seats_unavailable',
        `Some seats are not available: ${outcome.seatIds.slice(0, 10).join(', ')}.`,
        {
          seatIds: outcome.seatIds,
        },
      );
    }
    await publish(deps, eventId, outcome.seats, []);
    const row = { ...newHoldRow(base, totalAmount, { seat_nos: seatNos }), kind: 'allotment' as const };
    return { ...presentHold(context, row, now), token };
  }
}
