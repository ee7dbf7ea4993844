// What is left to buy, one count for every place it is shown: a tier's seats still available (as the live statuses say)
// plus its standing areas' places left (as the live standing counts say). The legend's chip and the standing area's
// line read the same numbers, so they cannot disagree ("Standing Floor · 0 left" beside "8000 left").
import type { Availability, EventDetail, SeatMap } from '../../../../cloud/contract/index.ts';
import { STATUS } from '../../../seatmap/model.ts';

export function placesLeftByTier(
  event: Pick<EventDetail, 'tiers' | 'ga'>,
  tierOf: Uint8Array,
  statuses: Uint8Array,
  ga: Availability['ga'],
): Map<string, number> {
  const seats = new Array<number>(event.tiers.length).fill(0);
  for (let seat = 0; seat < statuses.length; seat++) {
    if (statuses[seat] === STATUS.available) seats[tierOf[seat]!]! += 1;
  }
  const left = new Map(event.tiers.map((tier, index) => [tier.id, seats[index] ?? 0]));
  for (const area of ga) {
    const tierId = event.ga.find((g) => g.sectionId === area.sectionId)?.tierId;
    if (tierId !== undefined) left.set(tierId, (left.get(tierId) ?? 0) + area.remaining);
  }
  return left;
}

/** A section's name as the map gives it ("Standing Floor"), else its id. */
export const sectionName = (map: Pick<SeatMap, 'sections'>, sectionId: string): string =>
  map.sections.find((section) => section.id === sectionId)?.name ?? sectionId;
