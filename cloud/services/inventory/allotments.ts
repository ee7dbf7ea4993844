// Allotments: seats a box office (the device, or a clerk) reserves until sales end, to sell at the counter — also
// while offline. An allotment is a hold of theirs with a long expiry; checkout takes seats out of it, order by order.
import { randomBytes, randomUUID } from 'node:crypto';
import { holdSeats, markAllotment } from '../../db/inventory/holds.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CreatedHold } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import { priceOfSeats, seatNosOf } from '../catalog/event-context.ts';
import { hashHoldToken } from '../access/hold-access.ts';
import { assertActsForVenue } from '../access/venue-access.ts';
import { explainRefusal, newHoldRow, publish, type HoldDeps } from './hold-deps.ts';
import { presentHold } from './hold-view.ts';

export class Allotments {
  constructor(private readonly deps: HoldDeps) {}

  async create(eventId: string, seatIds: string[], principal: Principal | undefined): Promise<CreatedHold> {
    const { deps } = this;
    if (!principal || !principal.groups.some((g) => g === 'boxoffice' || g === 'clerk' || g === 'admin')) {
      throw new DomainError(principal ? 'forbidden' : 'unauthorized', 'Allotments are for the box office.');
    }
    const context = await deps.contexts.require(eventId);
    assertActsForVenue(principal, context.event.venue_id);
    const { layout } = context.seatMap;
    const seatNos = seatNosOf(context, seatIds, 'seatIds').sort((a, b) => a - b);
    const now = deps.clock.now();
    const token = randomBytes(24).toString('base64url');
    const totalAmount = priceOfSeats(context, seatNos);
    const base = {
      holdId: randomUUID(),
      eventId,
      tokenHash: hashHoldToken(token),
      ownerSub: principal.sub,
      currency: context.event.currency,
      now,
      expiresAt: context.event.on_sale_until,
    };
    const outcome = await deps.db.transaction(async (tx) => {
      const result = await holdSeats(
        tx,
        { ...base, totalAmount },
        seatNos.map((n) => layout.seatIds[n]!),
      );
      if (result.outcome === 'held') await markAllotment(tx, base.holdId);
      return result;
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
