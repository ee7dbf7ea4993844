// Presale access at hold time: the tiers an event sells only with a presale code stay closed to a hold without one
// that unlocks them (seats named, best available, standing places). A typed presale code is checked here (known, this
// event's, inside its window, a use left) and noted on the hold, so the checkout prices the tiers it opened.
import { findCodeForCheckout } from '../../db/codes/codes.ts';
import { codeUsage } from '../../db/codes/uses.ts';
import { loadHiddenTierIds } from '../../db/commerce/price-lists.ts';
import type { Queryable } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import { codeKey } from '../../domain/pricing/code-text.ts';
import { pricingFailure } from '../../domain/pricing/errors.ts';
import { checkPresaleCode, type PresaleRule } from '../../domain/pricing/presale.ts';
import type { CreateHold } from '../../contract/index.ts';
import { seatNosOf, type EventContext } from '../catalog/event-context.ts';
import type { PresaleCodeRule } from './codes.ts';

export interface PresaleGrant {
  /** The presale code the hold is made with, or null. */
  codeId: string | null;
  /** Indexes (into the context's tiers) of the hidden tiers this hold may not take seats from. */
  lockedTiers: Set<number>;
  /** The code's earlier start of sales (before the public on-sale), or null. */
  salesOpenFrom: Date | null;
}

/** What a hold may take, given the event's hidden tiers and the presale code typed (if any). */
export async function presaleGrant(
  db: Queryable,
  context: EventContext,
  typed: string | undefined,
  now: Date,
): Promise<PresaleGrant> {
  const { event } = context;
  const hidden = await loadHiddenTierIds(db, event.id);
  if (typed === undefined) return { codeId: null, lockedTiers: tierIndexes(context, hidden), salesOpenFrom: null };
  const key = codeKey(typed);
  const found = key ? await findCodeForCheckout(db, { venueId: event.venue_id, eventId: null, code: key, now }) : null;
  if (found && found.code.kind !== 'presale') {
    throw new DomainError('code_not_applicable', 'This is a promo code: use it when paying.', {
      field: 'presaleCode',
    });
  }
  const rule: PresaleRule | null = found
    ? {
        eventId: found.code.event_id ?? event.id,
        unlocksTierIds: (found.code.rule as PresaleCodeRule).unlocksTierIds,
        validFrom: found.code.valid_from?.toISOString() ?? null,
        validUntil: found.code.valid_until?.toISOString() ?? null,
      }
    : null;
  const checked = checkPresaleCode(rule, event.id, now);
  if (!checked.ok) throw pricingFailure(checked.errors, 'presaleCode');
  const usage = await codeUsage(db, found!.code.id);
  if (usage?.remaining === 0) {
    throw new DomainError('code_used_up', 'This presale code has been used.', { field: 'presaleCode' });
  }
  const unlocked = new Set(checked.value.unlockedTierIds);
  return {
    codeId: found!.code.id,
    salesOpenFrom: checked.value.salesOpenFrom,
    lockedTiers: tierIndexes(
      context,
      hidden.filter((tierId) => !unlocked.has(tierId)),
    ),
  };
}

/** Refuses a hold that names seats, a standing section or a tier of a locked tier (tier_locked, with the field). */
export function assertTiersOpen(context: EventContext, request: CreateHold, locked: Set<number>): void {
  if (locked.size === 0) return;
  const refuse = (field: string, seatIds?: string[]) =>
    new DomainError('tier_locked', 'These tickets are sold only with a presale code.', {
      field,
      ...(seatIds ? { seatIds } : {}),
    });
  if (request.seatIds) {
    const seatNos = seatNosOf(context, request.seatIds, 'seatIds');
    const closed = request.seatIds.filter((_, index) => locked.has(context.tierOf[seatNos[index]!]!));
    if (closed.length > 0) throw refuse('seatIds', closed);
  }
  if (request.ga) {
    const section = context.ga.find((ga) => ga.section_id === request.ga!.sectionId);
    if (section && locked.has(context.tierIndexById.get(section.tier_id)!)) throw refuse('ga.sectionId');
  }
  const tierId = request.bestAvailable?.tierId;
  if (tierId !== undefined && locked.has(context.tierIndexById.get(tierId) ?? -1)) throw refuse('bestAvailable.tierId');
}

function tierIndexes(context: EventContext, tierIds: string[]): Set<number> {
  return new Set(tierIds.flatMap((tierId) => context.tierIndexById.get(tierId) ?? []));
}
