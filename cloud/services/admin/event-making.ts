// The steps of making venues' seat maps and events, each taking the caller's transaction: the trusted AdminService
// (seed, tests) and the back office's use cases (checked and audited) run the same steps.
import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/port.ts';
import { findUnknownSeatIds, insertSeatMap, listSectionKinds, nextSeatMapVersion } from '../../db/seat-maps.ts';
import { findSeatMapRow, type SeatMapRow } from '../../db/seat-maps.ts';
import { insertEvent, insertTiers, updateEventStatus, type EventRow, type TierRow } from '../../db/events.ts';
import { insertEventInventory } from '../../db/inventory/stock.ts';
import { replacePriceList } from '../../db/commerce/price-lists.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeSeatMapProblem, findSeatMapProblems } from '../../domain/seatmap/validate.ts';
import type { CreateEvent, EventStatus, PriceList, SeatMapImport, SeatMapSummary } from '../../contract/index.ts';

const TIER_COLOURS = ['#7c3aed', '#2563eb', '#0891b2', '#16a34a', '#ca8a04', '#ea580c', '#dc2626', '#db2777'];

/** Which status may follow which: a cancelled event stays cancelled. */
export const STATUS_FROM: Record<EventStatus, EventStatus[]> = {
  draft: [],
  on_sale: ['draft', 'paused'],
  paused: ['on_sale'],
  cancelled: ['draft', 'on_sale', 'paused'],
};

/** Refuses a map with duplicate ids or labels or unknown sections, naming every offending entry. */
export function assertValidSeatMap(map: SeatMapImport): void {
  const problems = findSeatMapProblems(map);
  if (problems.length === 0) return;
  const entries = problems.map(describeSeatMapProblem);
  throw new DomainError(
    'seatmap_invalid',
    `The seat map has ${problems.length} problem(s): ${entries.slice(0, 5).join('; ')}.`,
    { entries },
  );
}

/** Stores the map as the next version of its name at the venue (the caller checked the venue and the map). */
export async function storeSeatMap(tx: Queryable, venueId: string, map: SeatMapImport): Promise<SeatMapSummary> {
  const id = randomUUID();
  const etag = `"${createHash('sha256').update(JSON.stringify(map)).digest('base64url').slice(0, 32)}"`;
  const version = await nextSeatMapVersion(tx, venueId, map.name);
  await insertSeatMap(tx, { id, venueId, version, etag, map });
  const gaCapacity = map.sections.reduce((sum, s) => sum + (s.kind === 'ga' ? (s.capacity ?? 0) : 0), 0);
  return { id, venueId, name: map.name, version, seatCount: map.seats.length, gaCapacity };
}

export type TierPlanInput = Pick<CreateEvent, 'tiers'>['tiers'];

/** Where every section and overriding seat of the map goes, checked against the map. */
export interface TierPlan {
  seatMap: SeatMapRow;
  sectionTier: Map<string, number>;
  seatOverrides: { seatId: string; index: number }[];
}

/** Every seat and every standing section of the map must be priced by exactly one tier (event_invalid otherwise). */
export async function planTiers(db: Queryable, seatmapId: string, tiers: TierPlanInput): Promise<TierPlan> {
  const seatMap = await findSeatMapRow(db, seatmapId);
  if (!seatMap) {
    throw new DomainError('validation_failed', 'No such seat map.', {
      field: 'seatmapId',
      errors: [{ field: 'seatmapId', message: 'no such seat map' }],
    });
  }
  const sections = await listSectionKinds(db, seatmapId);
  const known = new Set(sections.map((s) => s.section_id));
  const sectionTier = new Map<string, number>();
  const entries: string[] = [];
  tiers.forEach((tier, index) => {
    for (const sectionId of tier.sectionIds) {
      if (!known.has(sectionId)) entries.push(`tiers[${index}]: no section ${sectionId}`);
      else if (sectionTier.has(sectionId)) entries.push(`section ${sectionId} is in two tiers`);
      sectionTier.set(sectionId, index);
    }
  });
  for (const section of sections)
    if (!sectionTier.has(section.section_id)) entries.push(`section ${section.section_id} has no price tier`);
  const seatOverrides = tiers.flatMap((tier, index) => tier.seatIds.map((seatId) => ({ seatId, index })));
  const unknownSeats = await findUnknownSeatIds(
    db,
    seatmapId,
    seatOverrides.map((o) => o.seatId),
  );
  for (const seatId of unknownSeats.slice(0, 50)) entries.push(`no seat ${seatId}`);
  if (new Set(seatOverrides.map((o) => o.seatId)).size !== seatOverrides.length)
    entries.push('a seat is listed in two tiers');
  if (entries.length > 0) {
    throw new DomainError(
      'event_invalid',
      `The event's tiers do not fit the seat map: ${entries.slice(0, 5).join('; ')}.`,
      { entries, field: 'tiers' },
    );
  }
  return { seatMap, sectionTier, seatOverrides };
}

/** Stores the tiers, a price list of one Adult type at each tier's price, and the inventory of the plan. */
export async function storeTiers(
  tx: Queryable,
  event: { id: string; currency: string },
  tiers: TierPlanInput,
  plan: TierPlan,
): Promise<TierRow[]> {
  const tierRows = tiers.map((tier, index) => ({
    id: randomUUID(),
    event_id: event.id,
    rank: index,
    name: tier.name,
    price_amount: tier.price.amount,
    currency: tier.price.currency,
    color: tier.color ?? TIER_COLOURS[index % TIER_COLOURS.length]!,
  }));
  await insertTiers(tx, tierRows);
  await replacePriceList(tx, adultPriceList(event.id, event.currency, tierRows));
  await insertEventInventory(
    tx,
    { eventId: event.id, seatmapId: plan.seatMap.id },
    [...plan.sectionTier].map(([sectionId, index]) => ({ sectionId, tierId: tierRows[index]!.id })),
    plan.seatOverrides.map((o) => ({ seatId: o.seatId, tierId: tierRows[o.index]!.id })),
  );
  return tierRows;
}

/** Inserts a draft event with its tiers over the plan's seat map. */
export async function insertDraftEvent(
  tx: Queryable,
  input: CreateEvent,
  plan: TierPlan,
): Promise<{ event: EventRow; tiers: TierRow[] }> {
  const event: EventRow = {
    id: randomUUID(),
    venue_id: plan.seatMap.venue_id,
    seatmap_id: plan.seatMap.id,
    name: input.name,
    description: input.description,
    starts_at: new Date(input.startsAt),
    doors_at: input.doorsAt ? new Date(input.doorsAt) : null,
    on_sale_from: new Date(input.onSaleFrom),
    on_sale_until: new Date(input.onSaleUntil),
    status: 'draft',
    per_order_limit: input.perOrderLimit,
    hold_ttl_seconds: input.holdTtlSeconds,
    currency: input.currency,
    code_policy: input.codePolicy ?? 'static',
  };
  await insertEvent(tx, event);
  return { event, tiers: await storeTiers(tx, event, input.tiers, plan) };
}

/** Moves the event to `status` if its current status allows it (conflict on `status` otherwise). */
export async function moveEventStatus(tx: Queryable, event: EventRow, status: EventStatus): Promise<boolean> {
  if (event.status === status) return false;
  const allowed = STATUS_FROM[status];
  if (!allowed.includes(event.status) || !(await updateEventStatus(tx, event.id, allowed, status))) {
    throw new DomainError('conflict', `An event that is ${event.status} cannot become ${status}.`, {
      field: 'status',
    });
  }
  return true;
}

/** A new event sells one type of ticket, Adult, at each tier's price, until the admin sets a price list. */
function adultPriceList(eventId: string, currency: string, tiers: { id: string; price_amount: number }[]): PriceList {
  const adult = { id: randomUUID(), kind: 'adult' as const, name: 'Adult', maxPerOrder: null, requiresCheck: null };
  return {
    eventId,
    currency,
    ticketTypes: [{ ...adult, accompaniedBy: null }],
    entries: tiers.map((tier) => ({ tierId: tier.id, ticketTypeId: adult.id, amount: tier.price_amount, currency })),
    hiddenTierIds: [],
  };
}
