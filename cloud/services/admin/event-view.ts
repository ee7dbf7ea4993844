// How the back office is shown an event: the list's summary, the edit form's whole event (tiers with their sections
// and seats, sales windows), and the fields an audit entry compares before and after an edit.
import type { Queryable } from '../../db/port.ts';
import type { EventRow, TierRow } from '../../db/events.ts';
import { listTiers } from '../../db/events.ts';
import { countSectionTiers, listSeatsOutsideTier, type StaffEventRow } from '../../db/admin-events.ts';
import { findSeatMapRow } from '../../db/seat-maps.ts';
import { loadSalesWindows, type SalesWindowRow } from '../../db/sales-windows.ts';
import type { SalesWindow, StaffEvent, StaffEventSummary, StaffTier } from '../../contract/index.ts';

export function staffEventSummary(row: StaffEventRow): StaffEventSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    startsAt: row.starts_at.toISOString(),
    onSaleFrom: row.on_sale_from.toISOString(),
    onSaleUntil: row.on_sale_until.toISOString(),
    venue: { id: row.venue_id, name: row.venue_name, timezone: row.venue_timezone },
    seatmapId: row.seatmap_id,
    currency: row.currency.trim(),
    createdAt: row.created_at.toISOString(),
  };
}

export const salesWindowView = (row: SalesWindowRow): SalesWindow => ({
  channel: row.channel,
  opensAt: row.opens_at.toISOString(),
  closesAt: row.closes_at.toISOString(),
});

/** The event as its edit form shows it. */
export async function staffEventView(db: Queryable, row: StaffEventRow): Promise<StaffEvent> {
  const [tiers, seatMap, windows] = await Promise.all([
    tierLayout(db, row.id),
    findSeatMapRow(db, row.seatmap_id),
    loadSalesWindows(db, row.id),
  ]);
  return {
    ...staffEventSummary(row),
    description: row.description,
    doorsAt: row.doors_at?.toISOString() ?? null,
    perOrderLimit: row.per_order_limit,
    holdTtlSeconds: row.hold_ttl_seconds,
    codePolicy: row.code_policy,
    seatmap: { id: seatMap!.id, name: seatMap!.name, version: seatMap!.version },
    tiers,
    salesWindows: windows.map(salesWindowView),
  };
}

/**
 * Each tier with the sections it prices (a section goes to the tier most of its seats are in) and the seats it
 * takes out of other tiers' sections: the same shape an event is made with, so a copy is made from it as it stands.
 */
export async function tierLayout(db: Queryable, eventId: string): Promise<StaffTier[]> {
  const [tiers, counts] = await Promise.all([listTiers(db, [eventId]), countSectionTiers(db, eventId)]);
  const sectionTier = new Map<string, string>();
  for (const count of counts) if (!sectionTier.has(count.section_id)) sectionTier.set(count.section_id, count.tier_id);
  const outside = await listSeatsOutsideTier(
    db,
    eventId,
    [...sectionTier].map(([sectionId, tierId]) => ({ sectionId, tierId })),
  );
  return tiers.map((tier: TierRow) => ({
    id: tier.id,
    name: tier.name,
    price: { amount: tier.price_amount, currency: tier.currency.trim() },
    color: tier.color,
    rank: tier.rank,
    sectionIds: [...sectionTier].filter(([, tierId]) => tierId === tier.id).map(([sectionId]) => sectionId),
    seatIds: outside.filter((seat) => seat.tier_id === tier.id).map((seat) => seat.seat_id),
  }));
}

/** The fields an audit entry of an event compares (only those that changed are kept). */
export const auditedEvent = (row: EventRow) => ({
  name: row.name,
  description: row.description,
  startsAt: row.starts_at.toISOString(),
  doorsAt: row.doors_at?.toISOString() ?? null,
  onSaleFrom: row.on_sale_from.toISOString(),
  onSaleUntil: row.on_sale_until.toISOString(),
  perOrderLimit: row.per_order_limit,
  holdTtlSeconds: row.hold_ttl_seconds,
  codePolicy: row.code_policy,
  status: row.status,
  seatmapId: row.seatmap_id,
});
