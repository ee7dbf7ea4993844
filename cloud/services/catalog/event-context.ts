// What the hold path needs to know about an event, cached in process: its fixed settings, tiers, seat layout and
// seat → tier map. None of it changes once the event exists (status is checked in SQL on every hold), and seat maps
// are immutable, so the cache is safe across processes and Lambda instances.
import type { Db } from '../../db/port.ts';
import { findSeatMapRow, loadSeatMapContent } from '../../db/seat-maps.ts';
import { findEventRow, listTiers, type EventRow, type TierRow } from '../../db/events.ts';
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
 * The event's settings that never change once it exists. Its status is left out on purpose: it changes (on sale,
 * paused) and a cached copy would be wrong; the hold SQL checks it, and whoever needs it reads the row fresh.
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

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export class EventContexts {
  private readonly seatMaps = new BoundedCache<LoadedSeatMap | null>(8);
  private readonly events = new BoundedCache<EventContext | null>(64);

  constructor(private readonly db: Db) {}

  seatMap(seatmapId: string): Promise<LoadedSeatMap | null> {
    return this.seatMaps.get(seatmapId, async () => {
      const row = await findSeatMapRow(this.db, seatmapId);
      if (!row) return null;
      const content = await loadSeatMapContent(this.db, seatmapId);
      return { row, content, layout: buildSeatLayout({ seats: content.seats, stage: row.stage }) };
    });
  }

  /** The event's context, or null when there is no such event (not cached, so a new event is found at once). */
  async event(eventId: string): Promise<EventContext | null> {
    const context = await this.events.get(eventId, () => this.loadEvent(eventId));
    if (!context) this.events.delete(eventId);
    return context;
  }

  /** Drops this process's copy of an event whose settings or draft tiers the back office just changed. */
  forget(eventId: string): void {
    this.events.delete(eventId);
  }

  async require(eventId: string): Promise<EventContext> {
    const context = await this.event(eventId);
    if (!context) throw new DomainError('not_found', 'No such event.');
    return context;
  }

  private async loadEvent(eventId: string): Promise<EventContext | null> {
    const row = await findEventRow(this.db, eventId);
    if (!row) return null;
    const { status: _status, ...event } = row;
    const [tiers, seatTierIds, ga, seatMap] = await Promise.all([
      listTiers(this.db, [eventId]),
      loadSeatTierIds(this.db, eventId),
      listGaSections(this.db, eventId),
      this.seatMap(event.seatmap_id),
    ]);
    if (!seatMap) throw new Error(`event ${eventId} refers to missing seat map ${event.seatmap_id}`);
    const tierIndexById = new Map(tiers.map((tier, index) => [tier.id, index]));
    const tierOf = new Int16Array(seatTierIds.length);
    seatTierIds.forEach((tierId, seatNo) => (tierOf[seatNo] = tierIndexById.get(tierId) ?? -1));
    return { event, tiers, tierIndexById, tierOf, tierRank: tiers.map((tier) => tier.rank), seatMap, ga };
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
