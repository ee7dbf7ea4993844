// SQL for events and their price tiers: what is on, when it is on sale, and at which prices.
import type { Queryable } from './port.ts';
import type { CodePolicy, EventStatus, RefundPolicy } from '../contract/index.ts';
import { VENUE_COLUMNS, type VenueRow } from './venues.ts';
import { REFUND_POLICY_COLUMNS, refundPolicyOf, type RefundPolicyRow } from './commerce/event-settings.ts';

export interface EventRow {
  id: string;
  venue_id: string;
  seatmap_id: string;
  name: string;
  description: string;
  starts_at: Date;
  /** When the doors open (before starts_at), or null. */
  doors_at: Date | null;
  on_sale_from: Date;
  on_sale_until: Date;
  status: EventStatus;
  per_order_limit: number;
  hold_ttl_seconds: number;
  currency: string;
  /** Which ticket codes the door takes (migration 0030). */
  code_policy: CodePolicy;
}

const EVENT_COLUMNS = `e.id, e.venue_id, e.seatmap_id, e.name, e.description, e.starts_at, e.doors_at, e.on_sale_from,
  e.on_sale_until, e.status, e.per_order_limit, e.hold_ttl_seconds, e.currency, e.code_policy`;

export async function findEventRow(db: Queryable, eventId: string): Promise<EventRow | null> {
  const result = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [eventId]);
  return result.rows[0] ?? null;
}

/** An event's row with its venue's and its refund policy, in one statement (what its documents name: fulfilment). */
export async function findEventForDocuments(
  db: Queryable,
  eventId: string,
): Promise<{ row: EventRow; venue: VenueRow; refundPolicy: RefundPolicy } | null> {
  const result = await db.query<EventRow & RefundPolicyRow & { venue: VenueRow }>(
    `SELECT ${EVENT_COLUMNS}, ${REFUND_POLICY_COLUMNS},
       (SELECT to_jsonb(v) FROM (SELECT ${VENUE_COLUMNS} FROM venues WHERE id = e.venue_id) v) AS venue
     FROM events e LEFT JOIN event_commerce c ON c.event_id = e.id WHERE e.id = $1`,
    [eventId],
  );
  const found = result.rows[0];
  if (!found) return null;
  // The row keeps the policy's columns beside the event's (nothing reads them there).
  const { venue, ...row } = found;
  return { row, venue, refundPolicy: refundPolicyOf(found) };
}

/** The event's settings stamp alone, to revalidate a cached copy that no sale has checked for a while. */
export async function readEventSettingsVersion(db: Queryable, eventId: string): Promise<number | null> {
  const result = await db.query<{ settings_version: string }>('SELECT settings_version FROM events WHERE id = $1', [
    eventId,
  ]);
  return result.rows[0] ? Number(result.rows[0].settings_version) : null;
}

export interface EventListFilter {
  now: Date;
  venueId?: string;
  from?: Date;
  to?: Date;
  search?: string;
  limit: number;
}

export async function listUpcomingOnSaleEvents(db: Queryable, filter: EventListFilter): Promise<EventRow[]> {
  const result = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e
     WHERE e.status = 'on_sale' AND e.starts_at > $1 AND e.on_sale_until > $1
       AND ($2::uuid IS NULL OR e.venue_id = $2)
       AND ($3::timestamptz IS NULL OR e.starts_at >= $3)
       AND ($4::timestamptz IS NULL OR e.starts_at < $4)
       AND ($5::text IS NULL OR e.name ILIKE '%' || $5 || '%')
     ORDER BY e.starts_at, e.id
     LIMIT $6`,
    [
      filter.now.toISOString(),
      filter.venueId ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      filter.search?.replace(/[\\%_]/g, (match) => `\\${match}`) ?? null,
      filter.limit,
    ],
  );
  return result.rows;
}

export async function insertEvent(db: Queryable, event: EventRow): Promise<void> {
  await db.query(
    `INSERT INTO events (id, venue_id, seatmap_id, name, description, starts_at, on_sale_from, on_sale_until, status,
                         per_order_limit, hold_ttl_seconds, currency, doors_at, code_policy)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      event.id,
      event.venue_id,
      event.seatmap_id,
      event.name,
      event.description,
      event.starts_at.toISOString(),
      event.on_sale_from.toISOString(),
      event.on_sale_until.toISOString(),
      event.status,
      event.per_order_limit,
      event.hold_ttl_seconds,
      event.currency,
      event.doors_at?.toISOString() ?? null,
      event.code_policy,
    ],
  );
}

export async function updateEventStatus(
  db: Queryable,
  eventId: string,
  from: EventStatus[],
  to: EventStatus,
): Promise<boolean> {
  const result = await db.query('UPDATE events SET status = $3 WHERE id = $1 AND status = ANY($2::text[])', [
    eventId,
    from,
    to,
  ]);
  return result.rowCount === 1;
}

export interface TierRow {
  id: string;
  event_id: string;
  rank: number;
  name: string;
  price_amount: number;
  currency: string;
  color: string;
}

export async function listTiers(db: Queryable, eventIds: string[]): Promise<TierRow[]> {
  if (eventIds.length === 0) return [];
  const result = await db.query<TierRow>(
    `SELECT id, event_id, rank, name, price_amount, currency, color FROM price_tiers
     WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, rank`,
    [eventIds],
  );
  return result.rows;
}

export async function insertTiers(db: Queryable, tiers: TierRow[]): Promise<void> {
  await db.query(
    `INSERT INTO price_tiers (id, event_id, rank, name, price_amount, currency, color)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::text[], $5::int[], $6::char(3)[], $7::text[])`,
    [
      tiers.map((t) => t.id),
      tiers.map((t) => t.event_id),
      tiers.map((t) => t.rank),
      tiers.map((t) => t.name),
      tiers.map((t) => t.price_amount),
      tiers.map((t) => t.currency),
      tiers.map((t) => t.color),
    ],
  );
}
