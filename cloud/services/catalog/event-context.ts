// What the hold and order paths need to know about an event, cached in process: its settings, tiers and prices, seat
// layout and seat → tier map, and what pricing reads (price list, fees, the venue's tax). The back office changes some
// of it (prices, limits, dates, a draft's tiers, fees, tax) through any process, so each copy carries the event's
// settings stamp (events.settings_version, raised by triggers on every change) it was made from: a sale passes the
// stamp it read anyway (the sales-window query) and a stale copy is reloaded before it is used; other readers
// revalidate a copy no sale has checked for `maxAgeMs` with one small query. Status is not cached (checked in SQL on
// every hold); seat maps are immutable and cached by id for good.
import { loadPricingSettings, type PricingSettings } from '../../db/commerce/pricing-settings.ts';
import type { Db } from '../../db/port.ts';
import { findSeatMapRow, loadSeatMapContent } from '../../db/seat-maps.ts';
import { findEventRow, listTiers, readEventSettingsVersion, type EventRow, type TierRow } from '../../db/events.ts';
import { listGaSections, loadSeatTierIds, type GaRow } from '../../db/inventory/stock.ts';
import { buildSeatLayout, type SeatLayout } from '../../domain/seatmap/layout.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SeatMapImport } from '../../contract/index.ts';

export interface LoadedSeatMap {
  row: NonNullable<Awaited<ReturnType<typeof findSeatMapRow>>>;
  content: Pick<SeatMapImport, 'sections' | 'seats'>;
  layout: SeatLayout;
}

/**
 * The event's settings as of the copy's stamp. Its status is left out on purpose: it changes (on sale, paused) without
 * a new stamp and a cached copy would be wrong; the hold SQL checks it, and whoever needs it reads the row fresh.
 */
export type FixedEventSettings = Omit<EventRow, 'status'>;

export interface EventContext {
  event: FixedEventSettings;
  tiers: TierRow[];
  tierIndexById: Map<string, number>;
  /** Tier index per seat in seat-map order. */
  tierOf: Int16Array;
  tierRank: number[];
  seatMap: LoadedSeatMap;
  ga: GaRow[];
  /** The price list, fees and venue tax as of the copy's stamp (migration 0036's triggers raise it on any change). */
  pricing: PricingSettings;
  /** The settings stamp the copy was made at. */
  settingsVersion: number;
  /**
   * True on the copy handed to a caller that passed the stamp it had just read (a sale): the copy is as new as that
   * read, so pricing uses it as it is. Any other caller's copy may be older; pricing checks its stamp first.
   */
  stampChecked?: true;
}

class BoundedCache<V> {
  private readonly entries = new Map<string, Promise<V>>();
  constructor(private readonly capacity: number) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return loading;
  }

  /** Loads the key anew unless someone already replaced `stale` (many sales seeing one new stamp reload once). */
  refresh(key: string, stale: Promise<V>, load: () => Promise<V>): Promise<V> {
    const current = this.entries.get(key);
    if (current && current !== stale) return current;
    this.entries.delete(key);
    return this.get(key, load);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** A cached event context, the settings stamp it was loaded at and when that stamp was last found current. */
interface CachedEvent {
  context: EventContext;
  /** The same copy marked as checked against a stamp, made once rather than for every sale. */
  checkedContext: EventContext;
  version: number;
  checkedAt: number;
}

export interface EventContextOptions {
  /** How long a copy is used without looking at the stamp, by readers that did not read the stamp themselves. */
  maxAgeMs?: number;
  /** Milliseconds now (tests move it). */
  now?: () => number;
}

export class EventContexts {
  private readonly seatMaps = new BoundedCache<LoadedSeatMap | null>(8);
  private readonly events = new BoundedCache<CachedEvent | null>(64);
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    options: EventContextOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  seatMap(seatmapId: string): Promise<LoadedSeatMap | null> {
    return this.seatMaps.get(seatmapId, async () => {
      const row = await findSeatMapRow(this.db, seatmapId);
      if (!row) return null;
      const content = await loadSeatMapContent(this.db, seatmapId);
      return { row, content, layout: buildSeatLayout({ seats: content.seats, stage: row.stage }) };
    });
  }

  /**
   * The event's context, or null when there is no such event (not cached, so a new event is found at once).
   * `settingsVersion`: the event's stamp as the caller just read it; a copy older than that is reloaded first (a
   * sale). Without it, a copy not checked for `maxAgeMs` is served and checked against the stamp in the background:
   * never awaited here, since some callers are inside a transaction (on PGlite a second query would wait for it).
   */
  async event(eventId: string, settingsVersion?: number): Promise<EventContext | null> {
    const load = () => this.loadEvent(eventId);
    let loading = this.events.get(eventId, load);
    let cached = await loading;
    if (cached && settingsVersion !== undefined) {
      if (settingsVersion > cached.version) {
        loading = this.events.refresh(eventId, loading, load);
        cached = await loading;
      } else {
        cached.checkedAt = this.now();
      }
    } else if (cached && this.now() - cached.checkedAt >= this.maxAgeMs) {
      this.revalidate(eventId, loading, cached, load);
    }
    if (!cached) {
      this.events.delete(eventId);
      return null;
    }
    return settingsVersion === undefined ? cached.context : cached.checkedContext;
  }

  private revalidate(
    eventId: string,
    loading: Promise<CachedEvent | null>,
    cached: CachedEvent,
    load: () => Promise<CachedEvent | null>,
  ): void {
    cached.checkedAt = this.now();
    void readEventSettingsVersion(this.db, eventId)
      .then((current) => {
        if (current === null || current > cached.version) return this.events.refresh(eventId, loading, load);
        return null;
      })
      // The next reader tries again: a failed check leaves the copy as it was, to be checked after maxAgeMs.
      .catch(() => (cached.checkedAt = Number.NEGATIVE_INFINITY));
  }

  /** Drops this process's copy of an event whose settings or draft tiers the back office just changed. */
  forget(eventId: string): void {
    this.events.delete(eventId);
  }

  async require(eventId: string, settingsVersion?: number): Promise<EventContext> {
    const context = await this.event(eventId, settingsVersion);
    if (!context) throw new DomainError('not_found', 'No such event.');
    return context;
  }

  private async loadEvent(eventId: string): Promise<CachedEvent | null> {
    // The stamp first: whatever changes after it is read raises it, so this copy is never taken for newer than it is.
    const version = await readEventSettingsVersion(this.db, eventId);
    const row = version === null ? null : await findEventRow(this.db, eventId);
    if (!row) return null;
    const { status: _status, ...event } = row;
    const [tiers, seatTierIds, ga, seatMap, pricing] = await Promise.all([
      listTiers(this.db, [eventId]),
      loadSeatTierIds(this.db, eventId),
      listGaSections(this.db, eventId),
      this.seatMap(event.seatmap_id),
      loadPricingSettings(this.db, eventId, event.venue_id),
    ]);
    if (!seatMap) throw new Error(`event ${eventId} refers to missing seat map ${event.seatmap_id}`);
    const tierIndexById = new Map(tiers.map((tier, index) => [tier.id, index]));
    const tierOf = new Int16Array(seatTierIds.length);
    seatTierIds.forEach((tierId, seatNo) => (tierOf[seatNo] = tierIndexById.get(tierId) ?? -1));
    const tierRank = tiers.map((tier) => tier.rank);
    const context = { event, tiers, tierIndexById, tierOf, tierRank, seatMap, ga, pricing, settingsVersion: version! };
    const checkedContext: EventContext = { ...context, stampChecked: true };
    return { context, checkedContext, version: version!, checkedAt: this.now() };
  }
}

/** The seat numbers of these seat ids, in the order given; unknown ids are a validation error on `field`. */
export function seatNosOf(context: EventContext, seatIds: string[], field: string): number[] {
  const { indexById } = context.seatMap.layout;
  const unknown = seatIds.filter((seatId) => !indexById.has(seatId));
  if (unknown.length > 0) {
    throw new DomainError('validation_failed', `No such seat in this event: ${unknown.slice(0, 10).join(', ')}.`, {
      field,
      seatIds: unknown,
      errors: [{ field, message: `unknown seat ids: ${unknown.slice(0, 10).join(', ')}` }],
    });
  }
  return seatIds.map((seatId) => indexById.get(seatId)!);
}

/** What these seats cost together at the event's tier prices. */
export function priceOfSeats(context: EventContext, seatNos: number[]): number {
  return seatNos.reduce((sum, seatNo) => sum + context.tiers[context.tierOf[seatNo]!]!.price_amount, 0);
}
