// SQL of a sale's locked section (services/orders/sale.ts): once the order is locked, what the sale reads before it
// sells (the hold, locked as well; the event's status; the names and door checks of the event's ticket types) comes
// in one round trip, where it took three. The sale holds the order's and the hold's locks until it commits, so every
// round trip it saves there is time other buyers of the same rows do not wait.
import type { HoldRow } from './inventory/holds.ts';
import type { TicketTypeRow } from './commerce/price-lists.ts';
import type { Queryable } from './port.ts';

export type SaleHold = Pick<
  HoldRow,
  'state' | 'expires_at' | 'seat_nos' | 'ga_section_id' | 'ga_quantity' | 'extended'
>;

export interface SaleParts {
  hold: SaleHold;
  eventStatus: string | null;
  /** The event's ticket types by id: what a ticket is sold as. */
  ticketTypes: Map<string, Pick<TicketTypeRow, 'name' | 'requires_check'>>;
}

/** Locks the order's hold (as lockHold does) and reads its event's status and ticket types; null without the hold. */
export async function lockSaleParts(
  db: Queryable,
  order: { event_id: string; hold_id: string },
): Promise<SaleParts | null> {
  const result = await db.query<
    SaleHold & {
      event_status: string | null;
      ticket_types: { id: string; name: string; requires_check: string | null }[];
    }
  >(
    `SELECT h.state, h.expires_at, h.seat_nos, h.ga_section_id, h.ga_quantity, h.extended,
       (SELECT status FROM events WHERE id = $2) AS event_status,
       (SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name, 'requires_check', requires_check)), '[]')
          FROM ticket_types WHERE event_id = $2) AS ticket_types
     FROM holds h WHERE h.id = $1 FOR UPDATE OF h`,
    [order.hold_id, order.event_id],
  );
  const row = result.rows[0];
  if (!row) return null;
  const { event_status, ticket_types, ...hold } = row;
  return {
    hold,
    eventStatus: event_status,
    ticketTypes: new Map(ticket_types.map(({ id, ...type }) => [id, type])),
  };
}
