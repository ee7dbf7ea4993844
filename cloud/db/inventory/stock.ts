// SQL for what an event has to sell, set once when the event is made from its seat map: every seat at its tier
// (event_seats) and each GA section's capacity (event_ga). Read back, unchanging, by the event context's cache.
import type { Queryable } from '../port.ts';

/** Creates the event's inventory: every seat of its map at its tier, and its GA sections' counters. */
export async function insertEventInventory(
  db: Queryable,
  event: { eventId: string; seatmapId: string },
  sectionTiers: { sectionId: string; tierId: string }[],
  seatTiers: { seatId: string; tierId: string }[],
): Promise<{ seats: number; gaSections: number }> {
  const seats = await db.query(
    `INSERT INTO event_seats (event_id, seat_no, seat_id, tier_id)
     SELECT $1, s.seat_no, s.seat_id, COALESCE(by_seat.tier_id, by_section.tier_id)
     FROM seats s
     LEFT JOIN unnest($3::text[], $4::uuid[]) AS by_section(section_id, tier_id) ON by_section.section_id = s.section_id
     LEFT JOIN unnest($5::text[], $6::uuid[]) AS by_seat(seat_id, tier_id) ON by_seat.seat_id = s.seat_id
     WHERE s.seatmap_id = $2`,
    [
      event.eventId,
      event.seatmapId,
      sectionTiers.map((t) => t.sectionId),
      sectionTiers.map((t) => t.tierId),
      seatTiers.map((t) => t.seatId),
      seatTiers.map((t) => t.tierId),
    ],
  );
  const ga = await db.query(
    `INSERT INTO event_ga (event_id, section_id, tier_id, capacity)
     SELECT $1, sec.section_id, t.tier_id, sec.capacity
     FROM seatmap_sections sec
     JOIN unnest($3::text[], $4::uuid[]) AS t(section_id, tier_id) ON t.section_id = sec.section_id
     WHERE sec.seatmap_id = $2 AND sec.kind = 'ga'`,
    [event.eventId, event.seatmapId, sectionTiers.map((t) => t.sectionId), sectionTiers.map((t) => t.tierId)],
  );
  return { seats: seats.rowCount, gaSections: ga.rowCount };
}

/** Seat → tier in seat-map order; fixed once the event exists. */
export async function loadSeatTierIds(db: Queryable, eventId: string): Promise<string[]> {
  const result = await db.query<{ tiers: string | null }>(
    `SELECT string_agg(tier_id::text, ',' ORDER BY seat_no) AS tiers FROM event_seats WHERE event_id = $1`,
    [eventId],
  );
  const tiers = result.rows[0]?.tiers;
  return tiers ? tiers.split(',') : [];
}

export interface GaRow {
  section_id: string;
  tier_id: string;
  capacity: number;
}

export async function listGaSections(db: Queryable, eventId: string): Promise<GaRow[]> {
  const result = await db.query<GaRow>(
    'SELECT section_id, tier_id, capacity FROM event_ga WHERE event_id = $1 ORDER BY section_id',
    [eventId],
  );
  return result.rows;
}
