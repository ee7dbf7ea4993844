// The public catalog: upcoming events, one event, seat maps (immutable, cacheable) and availability snapshots.
import type { Db } from '../../db/port.ts';
import { listVenues, findVenue, type VenueRow } from '../../db/venues.ts';
import {
  listTiers,
  listUpcomingOnSaleEvents,
  findEventRow,
  findEventForDocuments,
  type EventRow,
  type TierRow,
} from '../../db/events.ts';
import { readSeatStatusCodes } from '../../db/inventory/seats.ts';
import { readGaRemaining } from '../../db/inventory/standing.ts';
import { packStatuses } from '../../domain/inventory/availability-pack.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  SEAT_STATUS_CODES,
  type Availability,
  type EventDetail,
  type EventPrices,
  type PriceList,
  type EventSummary,
  type SeatMap,
} from '../../contract/index.ts';
import type { Clock } from '../ports.ts';
import type { EventContext, EventContexts } from './event-context.ts';
import { venueView } from './venue-view.ts';
import { presaleGrant } from '../commerce/presale-access.ts';
import { findQueue } from '../../db/queue.ts';

export interface EventQuery {
  venueId?: string;
  from?: Date;
  to?: Date;
  search?: string;
  limit: number;
}

export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly contexts: EventContexts,
    private readonly clock: Clock,
  ) {}

  async listEvents(query: EventQuery): Promise<EventSummary[]> {
    const rows = await listUpcomingOnSaleEvents(this.db, { ...query, now: this.clock.now() });
    const [tiers, venues] = await Promise.all([
      listTiers(
        this.db,
        rows.map((row) => row.id),
      ),
      listVenues(this.db, [...new Set(rows.map((row) => row.venue_id))]),
    ]);
    const venueById = new Map(venues.map((venue) => [venue.id, venue]));
    return rows.map((row) =>
      summarise(
        row,
        venueById.get(row.venue_id)!,
        tiers.filter((tier) => tier.event_id === row.id),
      ),
    );
  }

  /** Public detail of an event; drafts are invisible to the public. A presale code shows the tiers it unlocks. */
  async getEvent(eventId: string, presaleCode?: string): Promise<EventDetail> {
    const row = await findEventRow(this.db, eventId);
    if (!row || row.status === 'draft') throw new DomainError('not_found', 'No such event.');
    return this.detail(eventId, row, presaleCode);
  }

  async detail(eventId: string, fresh?: EventRow, presaleCode?: string): Promise<EventDetail> {
    const context = await this.contexts.require(eventId);
    const row = fresh ?? (await findEventRow(this.db, eventId))!;
    const [venue, presale, queue] = await Promise.all([
      findVenue(this.db, row.venue_id),
      presaleGrant(this.db, context, presaleCode, this.clock.now()),
      findQueue(this.db, eventId), // the on-sale (issue 20)
    ]);
    return {
      // The types' prices from the same copy as the tiers' shown prices, so the two never disagree on the page.
      prices: pricesShown(context, context.pricing.priceList!, presale.lockedTiers),
      ...summarise(row, venue!, context.tiers),
      description: row.description,
      seatmapId: row.seatmap_id,
      perOrderLimit: row.per_order_limit,
      holdTtlSeconds: row.hold_ttl_seconds,
      currency: row.currency,
      tiers: context.tiers.map(presentTier),
      seatTiers: runsOf(context.tierOf),
      ga: context.ga.map((ga) => ({ sectionId: ga.section_id, tierId: ga.tier_id, capacity: ga.capacity })),
      waitingRoom: queue?.enabled ? { opensAt: queue.opens_at.toISOString() } : null,
    };
  }

  /** What tickets, receipts and their emails name of an event (fulfilment): its row and venue with the tiers of its
   * cached copy, and its refund policy, without the prices shown, seat tiers or waiting room that `detail` reads
   * besides (1 statement). */
  async documentEvent(eventId: string) {
    const context = await this.contexts.require(eventId);
    const { row, venue, refundPolicy } = (await findEventForDocuments(this.db, eventId))!;
    return { ...summarise(row, venue, context.tiers), tiers: context.tiers.map(presentTier), refundPolicy };
  }

  async getSeatMap(seatmapId: string): Promise<{ etag: string; body: SeatMap }> {
    const loaded = await this.contexts.seatMap(seatmapId);
    if (!loaded) throw new DomainError('not_found', 'No such seat map.');
    const { row, content } = loaded;
    return {
      etag: row.etag,
      body: {
        id: row.id,
        venueId: row.venue_id,
        name: row.name,
        version: row.version,
        width: row.width,
        height: row.height,
        stage: row.stage,
        createdAt: row.created_at.toISOString(),
        ...content,
      },
    };
  }

  /** ETag of a seat map without loading its seats: enough to answer a conditional request with 304. */
  async seatMapEtag(seatmapId: string): Promise<string | null> {
    const loaded = await this.contexts.seatMap(seatmapId);
    return loaded?.row.etag ?? null;
  }

  async availability(eventId: string): Promise<Availability> {
    const row = await findEventRow(this.db, eventId);
    if (!row || row.status === 'draft') throw new DomainError('not_found', 'No such event.');
    return this.availabilityOf(eventId, row);
  }

  /** The snapshot of any event, drafts too (the back office's seat management asks it after its own check). */
  async availabilityOf(eventId: string, row: EventRow): Promise<Availability> {
    const context = await this.contexts.require(eventId);
    const now = this.clock.now();
    const [codesText, ga] = await Promise.all([
      readSeatStatusCodes(this.db, eventId, now),
      readGaRemaining(this.db, eventId, now),
    ]);
    const codes = new Uint8Array(codesText.length);
    const counts = context.tiers.map(() => ({ available: 0, held: 0, sold: 0 }));
    for (let i = 0; i < codesText.length; i++) {
      const code = codesText.charCodeAt(i) - 48;
      codes[i] = code;
      const tierCounts = counts[context.tierOf[i]!];
      if (!tierCounts) continue;
      if (code === 0) tierCounts.available++;
      else if (code === 1) tierCounts.held++;
      else if (code === 2) tierCounts.sold++;
    }
    return {
      eventId,
      seatmapId: row.seatmap_id,
      seatCount: codes.length,
      encoding: 'status2-le-base64',
      statusCodes: [...SEAT_STATUS_CODES],
      statuses: Buffer.from(packStatuses(codes)).toString('base64'),
      tiers: context.tiers.map((tier, index) => ({ tierId: tier.id, ...counts[index]! })),
      ga: ga.map((g) => ({ sectionId: g.section_id, capacity: g.capacity, remaining: Math.max(0, g.remaining) })),
      generatedAt: now.toISOString(),
    };
  }
}

/** The price list as buyers see it: each open tier with the types sold in it and their prices. */
function pricesShown(context: EventContext, list: PriceList, lockedTiers: Set<number>): EventPrices {
  const open = context.tiers.filter((_, index) => !lockedTiers.has(index));
  return {
    currency: list.currency,
    ticketTypes: list.ticketTypes,
    tiers: open.map((tier) => ({
      tierId: tier.id,
      prices: list.entries
        .filter((entry) => entry.tierId === tier.id)
        .map((entry) => ({ ticketTypeId: entry.ticketTypeId, amount: entry.amount })),
    })),
  };
}

function presentTier(tier: TierRow) {
  return {
    id: tier.id,
    name: tier.name,
    price: { amount: tier.price_amount, currency: tier.currency },
    color: tier.color,
    rank: tier.rank,
  };
}

function summarise(row: EventRow, venue: VenueRow, tiers: TierRow[]): EventSummary {
  const prices = tiers.map((tier) => tier.price_amount);
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at.toISOString(),
    doorsAt: row.doors_at?.toISOString() ?? null,
    status: row.status,
    codePolicy: row.code_policy,
    venue: venueView(venue),
    priceRange:
      prices.length > 0
        ? {
            min: { amount: Math.min(...prices), currency: row.currency },
            max: { amount: Math.max(...prices), currency: row.currency },
          }
        : null,
    onSaleFrom: row.on_sale_from.toISOString(),
    onSaleUntil: row.on_sale_until.toISOString(),
  };
}

/** Seat → tier index as runs [first seat, count, tier index]: tiers follow sections, so this is tiny. */
export function runsOf(tierOf: Int16Array): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let i = 0; i < tierOf.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last[2] === tierOf[i] && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1, tierOf[i]!]);
  }
  return runs;
}
