// Holds as the API shows them: seats with section, row, number and price from the seat map, or the standing places,
// and the status the hold has at this moment (an expired hold the sweeper has not reached yet shows as expired).
import type { HoldRow } from '../../db/inventory/holds.ts';
import { effectiveHoldState } from '../../domain/inventory/hold-rules.ts';
import type { Hold } from '../../contract/index.ts';
import type { EventContext } from '../catalog/event-context.ts';
import { lifeOf } from './hold-deps.ts';

export function presentHold(context: EventContext, hold: HoldRow, now: Date): Hold {
  const { layout } = context.seatMap;
  const seats = context.seatMap.content.seats;
  const money = (amount: number) => ({ amount, currency: hold.currency });
  const gaTier = hold.ga_section_id
    ? context.ga.find((ga) => ga.section_id === hold.ga_section_id)?.tier_id
    : undefined;
  const gaTierRow = gaTier ? context.tiers[context.tierIndexById.get(gaTier)!] : undefined;
  return {
    id: hold.id,
    eventId: hold.event_id,
    kind: hold.kind,
    status: effectiveHoldState(lifeOf(hold), now),
    seats: hold.seat_nos.map((seatNo) => {
      const seat = seats[seatNo]!;
      const tier = context.tiers[context.tierOf[seatNo]!]!;
      return {
        seatId: layout.seatIds[seatNo]!,
        sectionId: seat.sectionId,
        row: seat.row,
        number: seat.number,
        tierId: tier.id,
        price: money(tier.price_amount),
      };
    }),
    ga:
      hold.ga_section_id && hold.ga_quantity && gaTierRow
        ? {
            sectionId: hold.ga_section_id,
            quantity: hold.ga_quantity,
            tierId: gaTierRow.id,
            unitPrice: money(gaTierRow.price_amount),
          }
        : null,
    total: money(hold.total_amount),
    expiresAt: hold.expires_at.toISOString(),
    extended: hold.extended,
    createdAt: hold.created_at.toISOString(),
  };
}
