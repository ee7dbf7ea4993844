// SQL for seat maps (seatmaps, seatmap_sections, seats): a venue's layout, stored whole and never changed; importing
// a changed layout stores a new version.
import type { Queryable } from './port.ts';
import type { SeatMapImport } from '../contract/index.ts';

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
    `INSERT INTO seatmaps (id, venue_id, name, version, width, height, stage, seat_count, ga_capacity, etag, tiers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
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
      map.tiers ? JSON.stringify(map.tiers) : null,
    ],
  );
  await db.query(
    `INSERT INTO seatmap_sections (seatmap_id, section_id, position, name, kind, polygon, capacity, level, tier_key)
     SELECT $1, s.section_id, s.position, s.name, s.kind, s.polygon::jsonb, s.capacity, s.level, s.tier_key
     FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])
       AS s(section_id, position, name, kind, polygon, capacity, level, tier_key)`,
    [
      seatMap.id,
      map.sections.map((s) => s.id),
      map.sections.map((_, index) => index),
      map.sections.map((s) => s.name),
      map.sections.map((s) => s.kind),
      map.sections.map((s) => JSON.stringify(s.polygon)),
      map.sections.map((s) => s.capacity ?? null),
      map.sections.map((s) => s.level ?? null),
      map.sections.map((s) => s.tier ?? null),
    ],
  );
  const chunk = 20_000;
  for (let start = 0; start < map.seats.length; start += chunk) {
    const seats = map.seats.slice(start, start + chunk);
    await db.query(
      `INSERT INTO seats (seatmap_id, seat_no, seat_id, section_id, row_label, seat_number, x, y,
                          wheelchair, companion, aisle, restricted_view, tier_key)
       SELECT $1, s.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::real[], $8::real[],
                                  $9::boolean[], $10::boolean[], $11::boolean[], $12::boolean[], $13::text[]) AS s`,
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
        seats.map((s) => s.tier ?? null),
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
): Promise<Pick<SeatMapImport, 'sections' | 'seats' | 'tiers'>> {
  const map = await db.query<{ tiers: SeatMapImport['tiers'] | null }>('SELECT tiers FROM seatmaps WHERE id = $1', [
    seatmapId,
  ]);
  const sections = await db.query<{
    section_id: string;
    name: string;
    kind: 'seated' | 'ga';
    polygon: [number, number][];
    capacity: number | null;
    level: string | null;
    tier_key: string | null;
  }>(
    `SELECT section_id, name, kind, polygon, capacity, level, tier_key FROM seatmap_sections
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
    tier_key: string | null;
  }>(
    `SELECT seat_id, section_id, row_label, seat_number, x, y, wheelchair, companion, aisle, restricted_view, tier_key
     FROM seats WHERE seatmap_id = $1 ORDER BY seat_no`,
    [seatmapId],
  );
  const tiers = map.rows[0]?.tiers;
  return {
    ...(tiers ? { tiers } : {}),
    sections: sections.rows.map((s) => ({
      id: s.section_id,
      name: s.name,
      kind: s.kind,
      polygon: s.polygon,
      ...(s.capacity !== null ? { capacity: s.capacity } : {}),
      ...(s.level !== null ? { level: s.level } : {}),
      ...(s.tier_key !== null ? { tier: s.tier_key } : {}),
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
      ...(s.tier_key !== null ? { tier: s.tier_key } : {}),
    })),
  };
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
