// SQL for the back office's events: every event of the venues a staff member may see (drafts too) with filters and
// pages, an event's editable fields, how its seats are spread over its tiers (for the edit form and copies), and a
// draft's tiers replaced with its inventory.
import type { Queryable } from './port.ts';
import type { EventRow } from './events.ts';
import type { EventStatus } from '../contract/index.ts';

export interface StaffEventRow extends EventRow {
  created_at: Date;
  venue_name: string;
  venue_timezone: string;
}

export interface StaffEventFilter {
  /** The venues the staff member may see; 'all' for admins. */
  venueIds: 'all' | string[];
  status?: EventStatus;
  venueId?: string;
  from?: Date;
  to?: Date;
  text?: string;
  sort: 'soonest' | 'newest';
  limit: number;
  offset: number;
}

const STAFF_EVENT_COLUMNS = `e.id, e.venue_id, e.seatmap_id, e.name, e.description, e.starts_at, e.doors_at, e.on_sale_from,
  e.on_sale_until, e.status, e.per_order_limit, e.hold_ttl_seconds, e.currency, e.code_policy, e.created_at,
  v.name AS venue_name, v.timezone AS venue_timezone`;

/** One page of events and how many match in all. */
export async function listStaffEvents(
  db: Queryable,
  filter: StaffEventFilter,
): Promise<{ rows: StaffEventRow[]; total: number }> {
  const where = `($1::uuid[] IS NULL OR e.venue_id = ANY($1::uuid[]))
       AND ($2::text IS NULL OR e.status = $2)
       AND ($3::uuid IS NULL OR e.venue_id = $3)
       AND ($4::timestamptz IS NULL OR e.starts_at >= $4)
       AND ($5::timestamptz IS NULL OR e.starts_at < $5)
       AND ($6::text IS NULL OR e.name ILIKE '%' || $6 || '%' OR e.description ILIKE '%' || $6 || '%')`;
  const params = [
    filter.venueIds === 'all' ? null : filter.venueIds,
    filter.status ?? null,
    filter.venueId ?? null,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    filter.text ? filter.text.replace(/[\\%_]/g, (match) => `\\${match}`) : null,
  ];
  const order = filter.sort === 'newest' ? 'e.created_at DESC, e.id DESC' : 'e.starts_at, e.id';
  const rows = await db.query<StaffEventRow>(
    `SELECT ${STAFF_EVENT_COLUMNS} FROM events e JOIN venues v ON v.id = e.venue_id
     WHERE ${where} ORDER BY ${order} LIMIT $7 OFFSET $8`,
    [...params, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM events e WHERE ${where}`, params);
  return { rows: rows.rows, total: count.rows[0]!.total };
}

export async function findStaffEvent(db: Queryable, eventId: string): Promise<StaffEventRow | null> {
  const result = await db.query<StaffEventRow>(
    `SELECT ${STAFF_EVENT_COLUMNS} FROM events e JOIN venues v ON v.id = e.venue_id WHERE e.id = $1`,
    [eventId],
  );
  return result.rows[0] ?? null;
}

/** Locks the event row for an edit in the caller's transaction. */
export async function lockEventRow(tx: Queryable, eventId: string): Promise<EventRow | null> {
  const result = await tx.query<EventRow>(
    `SELECT id, venue_id, seatmap_id, name, description, starts_at, doors_at, on_sale_from, on_sale_until, status,
       per_order_limit, hold_ttl_seconds, currency, code_policy FROM events WHERE id = $1 FOR UPDATE`,
    [eventId],
  );
  return result.rows[0] ?? null;
}

export type EditableEventFields = Pick<
  EventRow,
  | 'name'
  | 'description'
  | 'starts_at'
  | 'doors_at'
  | 'on_sale_from'
  | 'on_sale_until'
  | 'per_order_limit'
  | 'hold_ttl_seconds'
  | 'code_policy'
>;

export async function updateEventFields(tx: Queryable, eventId: string, fields: EditableEventFields): Promise<void> {
  await tx.query(
    `UPDATE events SET name = $2, description = $3, starts_at = $4, on_sale_from = $5, on_sale_until = $6,
       per_order_limit = $7, hold_ttl_seconds = $8, doors_at = $9, code_policy = $10 WHERE id = $1`,
    [
      eventId,
      fields.name,
      fields.description,
      fields.starts_at.toISOString(),
      fields.on_sale_from.toISOString(),
      fields.on_sale_until.toISOString(),
      fields.per_order_limit,
      fields.hold_ttl_seconds,
      fields.doors_at?.toISOString() ?? null,
      fields.code_policy,
    ],
  );
}

/** How many of each section's seats (or its standing places, as one) each tier has. */
export async function countSectionTiers(
  db: Queryable,
  eventId: string,
): Promise<{ section_id: string; tier_id: string; seats: number; ga: boolean }[]> {
  const result = await db.query<{ section_id: string; tier_id: string; seats: number; ga: boolean }>(
    `SELECT s.section_id, es.tier_id, count(*)::int AS seats, false AS ga
     FROM event_seats es JOIN events e ON e.id = es.event_id
     JOIN seats s ON s.seatmap_id = e.seatmap_id AND s.seat_no = es.seat_no
     WHERE es.event_id = $1 GROUP BY s.section_id, es.tier_id
     UNION ALL
     SELECT section_id, tier_id, capacity, true FROM event_ga WHERE event_id = $1
     ORDER BY 1, 3 DESC, 2`,
    [eventId],
  );
  return result.rows;
}

/** The seats of a section whose tier is not the given one (the seats a tier picks out of another's section). */
export async function listSeatsOutsideTier(
  db: Queryable,
  eventId: string,
  sectionTiers: { sectionId: string; tierId: string }[],
): Promise<{ seat_id: string; tier_id: string }[]> {
  const result = await db.query<{ seat_id: string; tier_id: string }>(
    `SELECT es.seat_id, es.tier_id FROM event_seats es JOIN events e ON e.id = es.event_id
     JOIN seats s ON s.seatmap_id = e.seatmap_id AND s.seat_no = es.seat_no
     JOIN unnest($2::text[], $3::uuid[]) AS main(section_id, tier_id) ON main.section_id = s.section_id
     WHERE es.event_id = $1 AND es.tier_id <> main.tier_id ORDER BY es.seat_no`,
    [eventId, sectionTiers.map((t) => t.sectionId), sectionTiers.map((t) => t.tierId)],
  );
  return result.rows;
}

/** Removes a draft's tiers, prices and inventory so they can be made again (a draft has sold and held nothing). */
export async function deleteDraftTiers(tx: Queryable, eventId: string): Promise<void> {
  await tx.query('DELETE FROM event_seats WHERE event_id = $1', [eventId]);
  await tx.query('DELETE FROM event_ga WHERE event_id = $1', [eventId]);
  await tx.query('DELETE FROM ticket_types WHERE event_id = $1', [eventId]);
  await tx.query('UPDATE event_commerce SET hidden_tier_ids = $2 WHERE event_id = $1', [eventId, []]);
  await tx.query('DELETE FROM price_tiers WHERE event_id = $1', [eventId]);
}

export async function setEventSeatMap(tx: Queryable, eventId: string, seatmapId: string): Promise<void> {
  await tx.query('UPDATE events SET seatmap_id = $2 WHERE id = $1', [eventId, seatmapId]);
}

/** Each tier's shown price (the "from" price of the shop's legend) set to its adult price in the price list. */
export async function setTierPrices(tx: Queryable, eventId: string, prices: { tierId: string; amount: number }[]) {
  if (prices.length === 0) return;
  await tx.query(
    `UPDATE price_tiers t SET price_amount = p.amount
     FROM unnest($2::uuid[], $3::int[]) AS p(tier_id, amount)
     WHERE t.event_id = $1 AND t.id = p.tier_id AND t.price_amount <> p.amount`,
    [eventId, prices.map((p) => p.tierId), prices.map((p) => p.amount)],
  );
}
