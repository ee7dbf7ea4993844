// What every kind of hold (seated, standing, allotment) depends on, in one place: the database, the event contexts,
// the live bus and the clock; and the steps they share (the row a just-made hold has, why the hold statement refused).
import { type EventRow, findEventRow } from '../../db/events.ts';
import type { HoldRow, NewHold } from '../../db/inventory/holds.ts';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import type { Db } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertOnSale, type HoldLife, type SaleWindow } from '../../domain/inventory/hold-rules.ts';
import { saleWindowWith } from '../../domain/pricing/presale.ts';
import type { Clock, LiveBus } from '../ports.ts';
import type { EventContext, EventContexts } from '../catalog/event-context.ts';
import { publishChanges, type GaChange } from './live-changes.ts';
import type { QueueGate } from '../queue/queue-gate.ts';

export interface HoldDeps {
  db: Db;
  contexts: EventContexts;
  live: LiveBus;
  clock: Clock;
  /** The on-sale (issue 20): the waiting room's gate (none: no event queues, e.g. in some tests). */
  queueGate?: QueueGate;
}

/** A hold being made: who, which event, until when; its seats or places and price are added by its kind. */
export type HoldBase = Omit<NewHold, 'totalAmount'>;

export const lifeOf = (hold: HoldRow): HoldLife => ({
  state: hold.state,
  expiresAt: hold.expires_at,
  extended: hold.extended,
});

/** The row a just-committed hold has, without reading it back. */
export const newHoldRow = (
  base: HoldBase,
  totalAmount: number,
  what: Partial<Pick<HoldRow, 'seat_nos' | 'ga_section_id' | 'ga_quantity'>>,
): HoldRow => ({
  id: base.holdId,
  event_id: base.eventId,
  token_hash: base.tokenHash,
  owner_sub: base.ownerSub,
  state: 'active',
  kind: 'standard',
  seat_nos: [],
  ga_section_id: null,
  ga_quantity: null,
  ...what,
  total_amount: totalAmount,
  currency: base.currency,
  expires_at: base.expiresAt,
  extended: false,
  created_at: base.now,
  presale_code_id: null,
  queue_admitted: false,
});

const saleWindowOf = (event: EventRow): SaleWindow => ({
  status: event.status,
  onSaleFrom: event.on_sale_from,
  onSaleUntil: event.on_sale_until,
  perOrderLimit: event.per_order_limit,
});

/** The hold statement refused: if the event is the reason, say so (read fresh, not from the cache). A presale code's
 * earlier start of sales (`salesOpenFrom`) counts as the holder's on-sale. */
export async function explainRefusal(
  deps: HoldDeps,
  context: EventContext,
  now: Date,
  salesOpenFrom: Date | null = null,
): Promise<void> {
  const fresh = await findEventRow(deps.db, context.event.id);
  if (!fresh) throw new DomainError('not_found', 'No such event.');
  assertOnSale(saleWindowWith(saleWindowOf(fresh), { unlockedTierIds: [], salesOpenFrom }), now);
}

/** Announces committed seat and standing-place changes to the live seat view. */
export function publish(deps: HoldDeps, eventId: string, seats: SeatChangeRow[], ga: GaChange[]): Promise<void> {
  return publishChanges(deps.live, eventId, seats, ga);
}
