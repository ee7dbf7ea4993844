// Sales windows per channel (web shop, kiosks, box office): the event's staff read and replace them; a hold through
// a channel outside its window is refused (sales_window_closed), a presale code's earlier start still opening it.
import type { Db, Queryable } from '../../db/port.ts';
import {
  loadSalesWindows,
  readSaleGate,
  replaceSalesWindows,
  type SaleGateRow,
  type SalesWindowRow,
} from '../../db/sales-windows.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SalesWindows } from '../../contract/index.ts';
import { authorizeStaff } from '../access/staff-access.ts';
import type { Channel } from '../access/venue-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';
import type { CommerceSettings } from './settings.ts';

const CHANNEL_WORDS: Record<Channel, string> = { web: 'the web shop', kiosk: 'kiosks', boxoffice: 'the box office' };

const viewOf = (rows: Awaited<ReturnType<typeof loadSalesWindows>>): SalesWindows => ({
  windows: rows.map((row) => ({
    channel: row.channel,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
  })),
});

export class SalesWindowSettings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: CommerceSettings,
  ) {}

  async get(principal: Principal | undefined, eventId: string): Promise<SalesWindows> {
    await this.settings.eventFor(principal, eventId);
    return viewOf(await loadSalesWindows(this.db, eventId));
  }

  /** Replaces every window of the event (a channel left out sells in the event's on-sale period). */
  async set(principal: Principal | undefined, eventId: string, input: SalesWindows): Promise<SalesWindows> {
    const event = await this.settings.eventFor(principal, eventId);
    const staff = authorizeStaff(principal, 'events:manage', event.venue_id);
    input.windows.forEach((window, index) => {
      if (Date.parse(window.closesAt) > event.starts_at.getTime()) {
        const field = `windows.${index}.closesAt`;
        const message = 'closes at the latest when the event starts';
        throw new DomainError('validation_failed', `${field}: ${message}`, { field, errors: [{ field, message }] });
      }
    });
    return this.db.transaction(async (tx) => {
      const before = viewOf(await loadSalesWindows(tx, eventId));
      const rows = input.windows.map((w) => ({
        channel: w.channel,
        opens_at: new Date(w.opensAt),
        closes_at: new Date(w.closesAt),
      }));
      await replaceSalesWindows(tx, eventId, rows);
      const after = viewOf(rows);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'event.sales_windows',
          objectType: 'event',
          objectId: eventId,
          venueId: event.venue_id,
          summary: `Set the sales windows of ${event.name} (${input.windows.map((w) => w.channel).join(', ') || 'none'})`,
          before: { ...before },
          after: { ...after },
        },
        this.clock.now(),
      );
      return after;
    });
  }
}

/**
 * What a sale through `channel` reads first: the event's settings stamp (for the cached event context) and the
 * channel's window. No such event: not_found.
 */
export async function saleGate(db: Queryable, eventId: string, channel: Channel): Promise<SaleGateRow> {
  return requireSaleGate(await readSaleGate(db, eventId, channel));
}

/** A sale gate read along with something else (checkout reads it with the hold): no such event is not_found. */
export function requireSaleGate(gate: SaleGateRow | null): SaleGateRow {
  if (!gate) throw new DomainError('not_found', 'No such event.');
  return gate;
}

/** Whether a sale through the window's channel may happen now (no window: the event's on-sale period decides). */
export const isWindowOpen = (window: SalesWindowRow | null, now: Date): boolean =>
  !window || (window.opens_at <= now && now < window.closes_at);

/**
 * Refuses a sale through `channel` outside the event's window for it (`window`, from saleGate). A presale code's
 * early start (salesOpenFrom) opens the channel early as it opens the event early; `check: 'opening'` asks only
 * whether it has opened (an allotment's offline sales reach the cloud after the close).
 */
export function assertSalesWindowOpen(
  window: SalesWindowRow | null,
  channel: Channel,
  now: Date,
  salesOpenFrom: Date | null,
  check: 'both' | 'opening' = 'both',
): void {
  if (!window) return;
  const opensAt = salesOpenFrom && salesOpenFrom < window.opens_at ? salesOpenFrom : window.opens_at;
  if (now < opensAt) {
    throw new DomainError(
      'sales_window_closed',
      `Sales through ${CHANNEL_WORDS[channel]} open at ${window.opens_at.toISOString()}.`,
      { deadline: window.opens_at.toISOString() },
    );
  }
  if (check === 'both' && now >= window.closes_at) {
    throw new DomainError(
      'sales_window_closed',
      `Sales through ${CHANNEL_WORDS[channel]} closed at ${window.closes_at.toISOString()}.`,
      { deadline: window.closes_at.toISOString() },
    );
  }
}
