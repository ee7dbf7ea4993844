// SQL for venues, seat maps, events and price tiers: the catalog side of the database. An event's inventory (its
// seats and GA counters) is made and read in db/inventory/stock.ts.
import type { Queryable } from './port.ts';
import type { EventStatus, SeatMapImport } from '../contract/index.ts';

export interface VenueRow {
  id: string;
  name: string;
  city: string;
  timezone: string;
}

export async function insertVenue(db: Queryable, venue: VenueRow): Promise<void> {
  await db.query('INSERT INTO venues (id, name, city, timezone) VALUES ($1, $2, $3, $4)', [
    venue.id,
    venue.name,
    venue.city,
    venue.timezone,
  ]);
}

export async function findVenue(db: Queryable, venueId: string): Promise<VenueRow | null> {
  const result = await db.query<VenueRow>('SELECT id, name, city, timezone FROM venues WHERE id = $1', [venueId]);
  return result.rows[0] ?? null;
}

export async function nextSeatMapVersion(db: Queryable, venueId: string, name: string): Promise<number> {
  const result = await db.query<{ version: number }>(
    'SELECT COALESCE(max(version), 0)::int + 1 AS version FROM seatmaps WHERE venue_id = $1 AND name = $2',
    [venueId, name],
  );
  return result.rows[0]!.version;
}

export interface SeatMapRow {
  id: string;
  venue_id: string;
  name: string;
  version: number;
  width: number;
  height: number;
  stage: SeatMapImport['stage'];
  seat_count: number;
  ga_capacity: number;
  etag: string;
  created_at: Date;
}

/** Stores a whole seat map: the map row, its sections and every seat, in seat-map order. */
export async function insertSeatMap(
  db: Queryable,
  seatMap: { id: string; venueId: string; version: number; etag: string; map: SeatMapImport },
): Promise<void> {
  const { map } = seatMap;
  const gaCapacity = map.sections.reduce(
    (sum, section) => sum + (section.kind === 'ga' ? (section.capacity ?? 0) : 0),
    0,
  );
  await db.query(
    `INSERT INTO seatmaps (id, venue_id, name, version, width, height, stage, seat_count, ga_capacity, etag)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      seatMap.id,
      seatMap.venueId,
      map.name,
      seatMap.version,
      map.width,
      map.height,
      JSON.stringify(map.stage),
      map.seats.length,
      gaCapacity,
      seatMap.etag,
    ],
  );
  await db.query(
    `INSERT INTO seatmap_sections (seatmap_id, section_id, position, name, kind, polygon, capacity, level)
     SELECT $1, s.section_id, s.position, s.name, s.kind, s.polygon::jsonb, s.capacity, s.level
     FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
       AS s(section_id, position, name, kind, polygon, capacity, level)`,
    [
      seatMap.id,
      map.sections.map((s) => s.id),
      map.sections.map((_, index) => index),
      map.sections.map((s) => s.name),
      map.sections.map((s) => s.kind),
      map.sections.map((s) => JSON.stringify(s.polygon)),
      map.sections.map((s) => s.capacity ?? null),
      map.sections.map((s) => s.level ?? null),
    ],
  );
  const chunk = 20_000;
  for (let start = 0; start < map.seats.length; start += chunk) {
    const seats = map.seats.slice(start, start + chunk);
    await db.query(
      `INSERT INTO seats (seatmap_id, seat_no, seat_id, section_id, row_label, seat_number, x, y,
                          wheelchair, companion, aisle, restricted_view)
       SELECT $1, s.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::real[], $8::real[],
                                  $9::boolean[], $10::boolean[], $11::boolean[], $12::boolean[]) AS s`,
      [
        seatMap.id,
        seats.map((_, index) => start + index),
        seats.map((s) => s.id),
        seats.map((s) => s.sectionId),
        seats.map((s) => s.row),
        seats.map((s) => s.number),
        seats.map((s) => s.x),
        seats.map((s) => s.y),
        seats.map((s) => s.wheelchair ?? false),
        seats.map((s) => s.companion ?? false),
        seats.map((s) => s.aisle ?? false),
        seats.map((s) => s.restrictedView ?? false),
      ],
    );
  }
}

export async function findSeatMapRow(db: Queryable, seatmapId: string): Promise<SeatMapRow | null> {
  const result = await db.query<SeatMapRow>(
    `SELECT id, venue_id, name, version, width, height, stage, seat_count, ga_capacity, etag, created_at
     FROM seatmaps WHERE id = $1`,
    [seatmapId],
  );
  return result.rows[0] ?? null;
}

export async function loadSeatMapContent(
  db: Queryable,
  seatmapId: string,
): Promise<Pick<SeatMapImport, 'sections' | 'seats'>> {
  const sections = await db.query<{
    section_id: string;
    name: string;
    kind: 'seated' | 'ga';
    polygon: [number, number][];
    capacity: number | null;
    level: string | null;
  }>(
    `SELECT section_id, name, kind, polygon, capacity, level FROM seatmap_sections
     WHERE seatmap_id = $1 ORDER BY position`,
    [seatmapId],
  );
  const seats = await db.query<{
    seat_id: string;
    section_id: string;
    row_label: string;
    seat_number: string;
    x: number;
    y: number;
    wheelchair: boolean;
    companion: boolean;
    aisle: boolean;
    restricted_view: boolean;
  }>(
    `SELECT seat_id, section_id, row_label, seat_number, x, y, wheelchair, companion, aisle, restricted_view
     FROM seats WHERE seatmap_id = $1 ORDER BY seat_no`,
    [seatmapId],
  );
  return {
    sections: sections.rows.map((s) => ({
      id: s.section_id,
      name: s.name,
      kind: s.kind,
      polygon: s.polygon,
      ...(s.capacity !== null ? { capacity: s.capacity } : {}),
      ...(s.level !== null ? { level: s.level } : {}),
    })),
    seats: seats.rows.map((s) => ({
      id: s.seat_id,
      sectionId: s.section_id,
      row: s.row_label,
      number: s.seat_number,
      x: s.x,
      y: s.y,
      ...(s.wheelchair ? { wheelchair: true } : {}),
      ...(s.companion ? { companion: true } : {}),
      ...(s.aisle ? { aisle: true } : {}),
      ...(s.restricted_view ? { restrictedView: true } : {}),
    })),
  };
}

export interface EventRow {
  id: string;
  venue_id: string;
  seatmap_id: string;
  name: string;
  description: string;
  starts_at: Date;
  on_sale_from: Date;
  on_sale_until: Date;
  status: EventStatus;
  per_order_limit: number;
  hold_ttl_seconds: number;
  currency: string;
}

const EVENT_COLUMNS = `e.id, e.venue_id, e.seatmap_id, e.name, e.description, e.starts_at, e.on_sale_from, e.on_sale_until,
  e.status, e.per_order_limit, e.hold_ttl_seconds, e.currency`;

export async function findEventRow(db: Queryable, eventId: string): Promise<EventRow | null> {
  const result = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [eventId]);
  return result.rows[0] ?? null;
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

export async function listVenues(db: Queryable, venueIds: string[]): Promise<VenueRow[]> {
  if (venueIds.length === 0) return [];
  const result = await db.query<VenueRow>('SELECT id, name, city, timezone FROM venues WHERE id = ANY($1::uuid[])', [
    venueIds,
  ]);
  return result.rows;
}

export async function insertEvent(db: Queryable, event: EventRow): Promise<void> {
  await db.query(
    `INSERT INTO events (id, venue_id, seatmap_id, name, description, starts_at, on_sale_from, on_sale_until, status,
                         per_order_limit, hold_ttl_seconds, currency)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
    ],
  );
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

export async function listSectionKinds(
  db: Queryable,
  seatmapId: string,
): Promise<{ section_id: string; kind: 'seated' | 'ga' }[]> {
  const result = await db.query<{ section_id: string; kind: 'seated' | 'ga' }>(
    'SELECT section_id, kind FROM seatmap_sections WHERE seatmap_id = $1 ORDER BY position',
    [seatmapId],
  );
  return result.rows;
}

export async function findUnknownSeatIds(db: Queryable, seatmapId: string, seatIds: string[]): Promise<string[]> {
  if (seatIds.length === 0) return [];
  const result = await db.query<{ seat_id: string }>(
    `SELECT wanted.seat_id FROM unnest($2::text[]) AS wanted(seat_id)
     WHERE NOT EXISTS (SELECT 1 FROM seats s WHERE s.seatmap_id = $1 AND s.seat_id = wanted.seat_id)`,
    [seatmapId, seatIds],
  );
  return result.rows.map((row) => row.seat_id);
}
