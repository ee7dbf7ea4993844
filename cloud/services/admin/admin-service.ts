// Admin use cases: create venues, import seat maps, create events with price tiers, and move an event's status.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/port.ts';
import { findVenue, insertVenue } from '../../db/venues.ts';
import {
  findSeatMapRow,
  findUnknownSeatIds,
  insertSeatMap,
  listSectionKinds,
  nextSeatMapVersion,
} from '../../db/seat-maps.ts';
import { insertEvent, insertTiers, updateEventStatus, findEventRow } from '../../db/events.ts';
import { insertEventInventory } from '../../db/inventory/stock.ts';
import { replacePriceList } from '../../db/commerce/price-lists.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeSeatMapProblem, findSeatMapProblems } from '../../domain/seatmap/validate.ts';
import type {
  CreateEvent,
  CreateVenue,
  EventStatus,
  PriceList,
  SeatMapImport,
  SeatMapSummary,
  Venue,
} from '../../contract/index.ts';

const TIER_COLOURS = ['#7c3aed', '#2563eb', '#0891b2', '#16a34a', '#ca8a04', '#ea580c', '#dc2626', '#db2777'];

/** Which status may follow which: a cancelled event stays cancelled. */
const STATUS_FROM: Record<EventStatus, EventStatus[]> = {
  draft: [],
  on_sale: ['draft', 'paused'],
  paused: ['on_sale'],
  cancelled: ['draft', 'on_sale', 'paused'],
};

export class AdminService {
  constructor(private readonly db: Db) {}

  async createVenue(input: CreateVenue): Promise<Venue> {
    const venue = { id: randomUUID(), ...input };
    await insertVenue(this.db, venue);
    return venue;
  }

  async importSeatMap(venueId: string, map: SeatMapImport): Promise<SeatMapSummary> {
    if (!(await findVenue(this.db, venueId))) throw new DomainError('not_found', 'No such venue.');
    const problems = findSeatMapProblems(map);
    if (problems.length > 0) {
      const entries = problems.map(describeSeatMapProblem);
      throw new DomainError(
        'seatmap_invalid',
        `The seat map has ${problems.length} problem(s): ${entries.slice(0, 5).join('; ')}.`,
        { entries },
      );
    }
    const id = randomUUID();
    const etag = `"${createHash('sha256').update(JSON.stringify(map)).digest('base64url').slice(0, 32)}"`;
    const version = await this.db.transaction(async (tx) => {
      const next = await nextSeatMapVersion(tx, venueId, map.name);
      await insertSeatMap(tx, { id, venueId, version: next, etag, map });
      return next;
    });
    const gaCapacity = map.sections.reduce((sum, s) => sum + (s.kind === 'ga' ? (s.capacity ?? 0) : 0), 0);
    return { id, venueId, name: map.name, version, seatCount: map.seats.length, gaCapacity };
  }

  /** Creates a draft event; every seat and every standing section must be priced by exactly one tier. */
  async createEvent(input: CreateEvent): Promise<{ id: string }> {
    const seatMap = await findSeatMapRow(this.db, input.seatmapId);
    if (!seatMap) {
      throw new DomainError('validation_failed', 'No such seat map.', {
        field: 'seatmapId',
        errors: [{ field: 'seatmapId', message: 'no such seat map' }],
      });
    }
    const sections = await listSectionKinds(this.db, input.seatmapId);
    const known = new Set(sections.map((s) => s.section_id));
    const sectionTier = new Map<string, number>();
    const entries: string[] = [];
    input.tiers.forEach((tier, index) => {
      for (const sectionId of tier.sectionIds) {
        if (!known.has(sectionId)) entries.push(`tiers[${index}]: no section ${sectionId}`);
        else if (sectionTier.has(sectionId)) entries.push(`section ${sectionId} is in two tiers`);
        sectionTier.set(sectionId, index);
      }
    });
    for (const section of sections)
      if (!sectionTier.has(section.section_id)) entries.push(`section ${section.section_id} has no price tier`);
    const seatOverrides = input.tiers.flatMap((tier, index) => tier.seatIds.map((seatId) => ({ seatId, index })));
    const unknownSeats = await findUnknownSeatIds(
      this.db,
      input.seatmapId,
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

    const eventId = randomUUID();
    const tierRows = input.tiers.map((tier, index) => ({
      id: randomUUID(),
      event_id: eventId,
      rank: index,
      name: tier.name,
      price_amount: tier.price.amount,
      currency: tier.price.currency,
      color: tier.color ?? TIER_COLOURS[index % TIER_COLOURS.length]!,
    }));
    await this.db.transaction(async (tx) => {
      await insertEvent(tx, {
        id: eventId,
        venue_id: seatMap.venue_id,
        seatmap_id: seatMap.id,
        name: input.name,
        description: input.description,
        starts_at: new Date(input.startsAt),
        on_sale_from: new Date(input.onSaleFrom),
        on_sale_until: new Date(input.onSaleUntil),
        status: 'draft',
        per_order_limit: input.perOrderLimit,
        hold_ttl_seconds: input.holdTtlSeconds,
        currency: input.currency,
      });
      await insertTiers(tx, tierRows);
      await replacePriceList(tx, adultPriceList(eventId, input.currency, tierRows));
      await insertEventInventory(
        tx,
        { eventId, seatmapId: seatMap.id },
        [...sectionTier].map(([sectionId, index]) => ({ sectionId, tierId: tierRows[index]!.id })),
        seatOverrides.map((o) => ({ seatId: o.seatId, tierId: tierRows[o.index]!.id })),
      );
    });
    return { id: eventId };
  }

  async setEventStatus(eventId: string, status: EventStatus): Promise<void> {
    const event = await findEventRow(this.db, eventId);
    if (!event) throw new DomainError('not_found', 'No such event.');
    if (event.status === status) return;
    const allowed = STATUS_FROM[status];
    if (!allowed.includes(event.status) || !(await updateEventStatus(this.db, eventId, allowed, status))) {
      throw new DomainError('conflict', `An event that is ${event.status} cannot become ${status}.`, {
        field: 'status',
      });
    }
  }
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
