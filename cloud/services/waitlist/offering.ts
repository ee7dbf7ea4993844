// The offering pass of one event's waitlist, in one transaction under the line's advisory lock: offers that lapsed
// unclaimed end (their holds too, so their seats are free again), then the waiting entries, in join order, are given
// what fits them now (waitlist-fit.ts) as a hold of their own, an offer row and an offer email job. A seat is never
// offered to two people at once: each offer is a hold, made by the same all-or-nothing statement every hold uses,
// and a hold's seats are held by nobody else. Committed changes are then sent to the live seat view.
import { randomUUID } from 'node:crypto';
import { endHold, holdSeats, insertGaHold, markHoldQueueAdmitted, type NewHold } from '../../db/inventory/holds.ts';
import { readSeatStatusCodes } from '../../db/inventory/seats.ts';
import { expireGaHolds, readGaRemaining, takeGaPlaces } from '../../db/inventory/standing.ts';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import type { Queryable } from '../../db/port.ts';
import {
  endWaitlistOffer,
  insertWaitlistOffer,
  lockLapsedOffers,
  lockWaitingEntries,
  markHoldUnextendable,
  setWaitlistEntryState,
  tryLockWaitlistLine,
  type WaitlistEntryRow,
} from '../../db/waitlist.ts';
import {
  countFreePlaces,
  placeFor,
  takePlace,
  type WaitlistInventory,
  type WaitlistPlace,
} from '../../domain/inventory/waitlist-fit.ts';
import { hashHoldToken } from '../access/hold-access.ts';
import { priceOfSeats, type EventContext } from '../catalog/event-context.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import type { WaitlistTokens } from './waitlist-tokens.ts';

/** How many entries of one line a pass looks at (the rest wait for the next pass). */
const LINE_BATCH = 200;

/** The least time an offer must have before the web window closes (less when the event's offers are shorter). */
export const MIN_OFFER_SECONDS_BEFORE_CLOSE = 600;

/**
 * Whether an offer made now would have time enough before the window closes: the event's offer time, or 10 minutes
 * when that is longer. With less, the line waits (in order) rather than be given an offer nobody could take up.
 */
export function leavesTimeToClaim(now: Date, offerSeconds: number, offerUntil: Date | null): boolean {
  if (!offerUntil) return true;
  const needed = Math.min(offerSeconds, MIN_OFFER_SECONDS_BEFORE_CLOSE) * 1000;
  return offerUntil.getTime() - now.getTime() >= needed;
}

export interface OfferPassResult {
  offered: number;
  seats: SeatChangeRow[];
  ga: GaChange[];
}

/** The event's seats and standing places as free or not now (an expired hold's are free). */
export async function readWaitlistInventory(
  db: Queryable,
  context: EventContext,
  now: Date,
): Promise<WaitlistInventory> {
  // One after the other: inside a transaction both go over its one connection anyway.
  const codes = await readSeatStatusCodes(db, context.event.id, now);
  const ga = await readGaRemaining(db, context.event.id, now);
  const free = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) free[i] = codes.charCodeAt(i) === 48 ? 1 : 0;
  return {
    free,
    tierOf: context.tierOf,
    tierRank: context.tierRank,
    ga: ga.map((row) => ({
      sectionId: row.section_id,
      tierIndex: context.tierIndexById.get(row.tier_id) ?? -1,
      remaining: row.remaining,
    })),
  };
}

/**
 * When a pass offers: `offering` false while the web sales window is shut (an offer is a web sale: the line keeps its
 * order and waits, lapsed offers still end), and no offer outlives the window's close (`offerUntil`); none is made
 * when too little time is left before it (leavesTimeToClaim).
 */
export interface OfferPassOptions {
  now: Date;
  offerSeconds: number;
  offering: boolean;
  offerUntil: Date | null;
}

/** One pass over the event's line; null when another pass has the line right now. Call inside a transaction. */
export async function offerPass(
  tx: Queryable,
  context: EventContext,
  tokens: WaitlistTokens,
  options: OfferPassOptions,
): Promise<OfferPassResult | null> {
  const eventId = context.event.id;
  const { now } = options;
  if (!(await tryLockWaitlistLine(tx, eventId))) return null;
  const result: OfferPassResult = { offered: 0, seats: [], ga: [] };

  for (const lapsed of await lockLapsedOffers(tx, eventId, now)) {
    await endWaitlistOffer(tx, lapsed.id, 'expired', now);
    // An offer the window's close cut short was not the buyer's full time: they wait again in their place (join order).
    const cutShort = lapsed.expires_at.getTime() < lapsed.offered_at.getTime() + options.offerSeconds * 1000;
    await setWaitlistEntryState(tx, lapsed.entry_id, cutShort ? 'waiting' : 'expired', now);
    const ended = await endHold(tx, { id: lapsed.hold_id, event_id: eventId }, now);
    result.seats.push(...ended.seats);
    if (ended.ga) result.ga.push(ended.ga);
  }

  if (!options.offering || !leavesTimeToClaim(now, options.offerSeconds, options.offerUntil)) return result;
  const entries = await lockWaitingEntries(tx, eventId, LINE_BATCH);
  if (entries.length === 0) return result;
  const inventory = await readWaitlistInventory(tx, context, now);
  // Counted once, then by what each offer takes: the line is not looked through once nothing is left.
  let freePlaces = countFreePlaces(inventory);
  for (const entry of entries) {
    if (freePlaces <= 0) break;
    const tierIndex = entry.tier_id === null ? undefined : context.tierIndexById.get(entry.tier_id);
    const place = placeFor(context.seatMap.layout, inventory, {
      quantity: entry.quantity,
      ...(tierIndex !== undefined ? { tierIndex } : {}),
    });
    if (!place) continue;
    // Taken from this pass's view whether or not the hold succeeds: a seat someone bought meanwhile is not free.
    takePlace(inventory, place);
    freePlaces -= entry.quantity;
    const offer = await offerPlace(tx, context, entry, place, tokens, options);
    if (offer === 'not_on_sale') break;
    if (offer === null) continue;
    result.offered++;
    result.seats.push(...offer.seats);
    result.ga.push(...offer.ga);
  }
  return result;
}

/** Holds the place for the entry and records the offer and its email job; null when the place went meanwhile. */
async function offerPlace(
  tx: Queryable,
  context: EventContext,
  entry: WaitlistEntryRow,
  place: WaitlistPlace,
  tokens: WaitlistTokens,
  options: OfferPassOptions,
): Promise<{ seats: SeatChangeRow[]; ga: GaChange[] } | null | 'not_on_sale'> {
  const { now } = options;
  const offerId = randomUUID();
  const claimTokenHash = hashHoldToken(tokens.claimToken(offerId));
  const fullTime = now.getTime() + options.offerSeconds * 1000;
  const expiresAt = new Date(options.offerUntil ? Math.min(fullTime, options.offerUntil.getTime()) : fullTime);
  const base: Omit<NewHold, 'totalAmount'> = {
    holdId: randomUUID(),
    eventId: context.event.id,
    tokenHash: claimTokenHash,
    ownerSub: null,
    currency: context.event.currency,
    now,
    expiresAt,
  };
  const changes: { seats: SeatChangeRow[]; ga: GaChange[] } = { seats: [], ga: [] };
  if ('seatNos' in place) {
    const seatIds = place.seatNos.map((seatNo) => context.seatMap.layout.seatIds[seatNo]!);
    // hold_seats() raises when a later seat is gone after earlier ones were taken (and the caught error would leave
    // the transaction aborted): the savepoint undoes just this hold, and the pass goes on.
    await tx.query('SAVEPOINT waitlist_offer');
    const held = await holdSeats(tx, { ...base, totalAmount: priceOfSeats(context, place.seatNos) }, seatIds);
    await tx.query(
      held.outcome === 'held' ? 'RELEASE SAVEPOINT waitlist_offer' : 'ROLLBACK TO SAVEPOINT waitlist_offer',
    );
    if (held.outcome === 'not_on_sale') return 'not_on_sale';
    if (held.outcome === 'unavailable') return null;
    changes.seats = held.seats;
  } else {
    const unitPrice = gaUnitPrice(context, place.gaSectionId);
    let taken = await takeGaPlaces(tx, base.eventId, place.gaSectionId, place.quantity, now);
    if (!taken && (await expireGaHolds(tx, base.eventId, place.gaSectionId, now)) > 0) {
      taken = await takeGaPlaces(tx, base.eventId, place.gaSectionId, place.quantity, now);
    }
    if (!taken) return null;
    await insertGaHold(tx, { ...base, totalAmount: unitPrice * place.quantity }, place.gaSectionId, place.quantity);
    changes.ga = [{ section_id: place.gaSectionId, remaining: taken.remaining }];
  }
  await markHoldUnextendable(tx, base.holdId);
  await markHoldQueueAdmitted(tx, base.holdId); // the offer's buyer never queued: the offer is their admission
  await insertWaitlistOffer(tx, {
    id: offerId,
    entry_id: entry.id,
    event_id: base.eventId,
    hold_id: base.holdId,
    claim_token_hash: claimTokenHash,
    offered_at: now,
    expires_at: expiresAt,
  });
  await setWaitlistEntryState(tx, entry.id, 'offered', now);
  await insertOutboxJobs(
    tx,
    [{ id: randomUUID(), topic: OUTBOX_TOPICS.waitlistOfferEmail, aggregateId: offerId, payload: { offerId } }],
    now,
  );
  return changes;
}

function gaUnitPrice(context: EventContext, sectionId: string): number {
  const section = context.ga.find((ga) => ga.section_id === sectionId)!;
  return context.tiers[context.tierIndexById.get(section.tier_id)!]!.price_amount;
}
