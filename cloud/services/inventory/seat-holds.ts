// Seated holds: the seats a buyer named, or the best seats together the seat map has free (looked for again when
// someone takes one between the read and the hold). Seats are always locked in seat-map order.
import { type HoldRow, holdSeats } from '../../db/inventory/holds.ts';
import { findUnavailableSeatIds, readSeatStatusCodes } from '../../db/inventory/seats.ts';
import { DomainError } from '../../domain/errors.ts';
import { findBestAvailable } from '../../domain/inventory/best-available.ts';
import type { CreateHold } from '../../contract/index.ts';
import { priceOfSeats, seatNosOf, type EventContext } from '../catalog/event-context.ts';
import { explainRefusal, newHoldRow, publish, type HoldBase, type HoldDeps } from './hold-deps.ts';

const BEST_AVAILABLE_ATTEMPTS = 5;

export async function holdExplicit(
  deps: HoldDeps,
  context: EventContext,
  base: HoldBase,
  seatIds: string[],
): Promise<HoldRow> {
  const seatNos = seatNosOf(context, seatIds, 'seatIds');
  const held = await tryHoldSeats(deps, context, base, seatNos);
  if (!Array.isArray(held)) return held;
  // Normally named by the hold statement itself; looked up again only if the seats changed in between.
  const unavailable =
    held.length > 0 ? held : await findUnavailableSeatIds(deps.db, context.event.id, seatIds, base.now);
  if (unavailable.length === 0)
    throw new DomainError('contention', 'The event changed while your seats were being held; try again.');
  throw new DomainError(
    'seats_unavailable',
    `${unavailable.length === 1 ? 'A seat is' : 'Some seats are'} no longer available: ${unavailable.join(', ')}.`,
    {
      seatIds: unavailable,
    },
  );
}

export async function holdBestAvailable(
  deps: HoldDeps,
  context: EventContext,
  base: HoldBase,
  request: NonNullable<CreateHold['bestAvailable']>,
  /** Tiers (by index) this hold may not take seats from: hidden tiers its presale code did not unlock. */
  lockedTiers: ReadonlySet<number> = new Set(),
): Promise<HoldRow> {
  const tierIndex = request.tierId === undefined ? undefined : context.tierIndexById.get(request.tierId);
  if (request.tierId !== undefined && tierIndex === undefined) {
    throw new DomainError('validation_failed', 'This event has no such price tier.', {
      field: 'bestAvailable.tierId',
      errors: [{ field: 'bestAvailable.tierId', message: 'no such price tier for this event' }],
    });
  }
  for (let attempt = 0; attempt < BEST_AVAILABLE_ATTEMPTS; attempt++) {
    const codes = await readSeatStatusCodes(deps.db, context.event.id, base.now);
    const free = new Uint8Array(codes.length);
    for (let i = 0; i < codes.length; i++) {
      free[i] = codes.charCodeAt(i) === 48 && !lockedTiers.has(context.tierOf[i]!) ? 1 : 0;
    }
    const seatNos = findBestAvailable(
      context.seatMap.layout,
      { free, tierOf: context.tierOf, tierRank: context.tierRank },
      {
        quantity: request.quantity,
        ...(tierIndex !== undefined ? { tierIndex } : {}),
        ...(request.accessible ? { accessible: true } : {}),
      },
    );
    if (!seatNos) break;
    const held = await tryHoldSeats(deps, context, base, seatNos);
    // Someone took one of those seats between our read and our hold: look again.
    if (!Array.isArray(held)) return held;
  }
  // The cached context does not know the event's current status; if that is why, say so.
  await explainRefusal(deps, context, base.now, base.salesOpenFrom ?? null);
  throw new DomainError(
    'no_adjacent_seats',
    `No ${request.quantity} seats together are available${request.tierId ? ' in that price tier' : ''}${request.accessible ? ' with wheelchair access' : ''}. Try fewer seats or another tier.`,
  );
}

/** The hold, or the ids of the seats that stood in its way. Throws when the event is not on sale. */
async function tryHoldSeats(
  deps: HoldDeps,
  context: EventContext,
  base: HoldBase,
  seatNos: number[],
): Promise<HoldRow | string[]> {
  const { layout } = context.seatMap;
  // Seat-map order is the lock order every hold uses.
  seatNos = [...seatNos].sort((a, b) => a - b);
  const totalAmount = priceOfSeats(context, seatNos);
  const seatIds = seatNos.map((seatNo) => layout.seatIds[seatNo]!);
  const result = await holdSeats(deps.db, { ...base, totalAmount }, seatIds);
  if (result.outcome === 'not_on_sale') {
    await explainRefusal(deps, context, base.now, base.salesOpenFrom ?? null);
    return [];
  }
  if (result.outcome === 'unavailable') return result.seatIds;
  await publish(deps, context.event.id, result.seats, []);
  return newHoldRow(base, totalAmount, { seat_nos: seatNos });
}
