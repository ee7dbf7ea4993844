// Standing (general admission) holds: a number of places in a section, counted rather than chosen. When the section
// looks full, places of expired holds are given back first and the count tried once more.
import { type HoldRow, insertGaHold } from '../../db/inventory/holds.ts';
import { expireGaHolds, takeGaPlaces } from '../../db/inventory/standing.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EventContext } from '../catalog/event-context.ts';
import { explainRefusal, newHoldRow, publish, type HoldBase, type HoldDeps } from './hold-deps.ts';

export async function holdGa(
  deps: HoldDeps,
  context: EventContext,
  base: HoldBase,
  sectionId: string,
  quantity: number,
): Promise<HoldRow> {
  const section = context.ga.find((ga) => ga.section_id === sectionId);
  if (!section) {
    throw new DomainError('validation_failed', 'This event has no such standing section.', {
      field: 'ga.sectionId',
      errors: [{ field: 'ga.sectionId', message: 'no such general admission section for this event' }],
    });
  }
  const unitPrice = context.tiers[context.tierIndexById.get(section.tier_id)!]!.price_amount;
  const hold = { ...base, totalAmount: unitPrice * quantity };
  const remaining = await deps.db.transaction(async (tx) => {
    let taken = await takeGaPlaces(tx, base.eventId, sectionId, quantity, base.now, base.salesOpenFrom ?? null);
    if (!taken && (await expireGaHolds(tx, base.eventId, sectionId, base.now)) > 0) {
      taken = await takeGaPlaces(tx, base.eventId, sectionId, quantity, base.now, base.salesOpenFrom ?? null);
    }
    if (!taken) return null;
    await insertGaHold(tx, hold, sectionId, quantity);
    return taken.remaining;
  });
  if (remaining === null) {
    await explainRefusal(deps, context, base.now, base.salesOpenFrom ?? null);
    throw new DomainError('ga_unavailable', `Not enough standing places left in ${sectionId} for ${quantity}.`);
  }
  await publish(deps, base.eventId, [], [{ section_id: sectionId, remaining }]);
  return newHoldRow(base, hold.totalAmount, { ga_section_id: sectionId, ga_quantity: quantity });
}
