// The waitlist's rules over what is free: whether an event (or one tier of it) is sold out, and what the next
// person in line would be offered. Pure: the caller reads the inventory and makes the hold.
//
// The fit rule: people are offered places in join order, each the whole quantity asked for, as seats together (best
// available in their tier, or any tier when they did not name one) or standing places in one section of that tier.
// When what is free cannot give someone their whole quantity, they keep their place in line and the next person whose
// quantity does fit is offered instead; the first person is offered as soon as enough comes back together. So a
// larger party is never given part of its quantity, and free seats never wait behind it.
import type { SeatLayout } from '../seatmap/layout.ts';
import { findBestAvailable } from './best-available.ts';

export interface WaitlistInventory {
  /** 1 where the seat can be held now (seat-map order). */
  free: Uint8Array;
  /** Tier index per seat, -1 where the seat is not sold. */
  tierOf: Int16Array;
  /** Rank per tier index (0 best). */
  tierRank: number[];
  /** Standing sections: their tier and the places left now. */
  ga: { sectionId: string; tierIndex: number; remaining: number }[];
}

export type WaitlistPlace = { seatNos: number[] } | { gaSectionId: string; quantity: number };

/** Nothing can be held now in the event, or in this tier of it: no free seat and no standing place left. */
export function isSoldOut(inventory: WaitlistInventory, tierIndex?: number): boolean {
  const inTier = (tier: number) => tier >= 0 && (tierIndex === undefined || tier === tierIndex);
  for (let seat = 0; seat < inventory.free.length; seat++) {
    if (inventory.free[seat] === 1 && inTier(inventory.tierOf[seat]!)) return false;
  }
  return !inventory.ga.some((section) => section.remaining > 0 && inTier(section.tierIndex));
}

/** How many seats and standing places can be held now, in every tier. */
export function countFreePlaces(inventory: WaitlistInventory): number {
  let count = 0;
  for (let seat = 0; seat < inventory.free.length; seat++) {
    if (inventory.free[seat] === 1 && inventory.tierOf[seat]! >= 0) count++;
  }
  return inventory.ga.reduce((sum, section) => sum + Math.max(0, section.remaining), count);
}

/** The places the fit rule gives one entry now: seats together first, then one standing section; null: none fit. */
export function placeFor(
  layout: SeatLayout,
  inventory: WaitlistInventory,
  entry: { quantity: number; tierIndex?: number },
): WaitlistPlace | null {
  const seatNos = findBestAvailable(
    layout,
    { free: inventory.free, tierOf: inventory.tierOf, tierRank: inventory.tierRank },
    { quantity: entry.quantity, ...(entry.tierIndex !== undefined ? { tierIndex: entry.tierIndex } : {}) },
  );
  if (seatNos) return { seatNos: [...seatNos].sort((a, b) => a - b) };
  const section = inventory.ga.find(
    (ga) => ga.remaining >= entry.quantity && (entry.tierIndex === undefined || ga.tierIndex === entry.tierIndex),
  );
  return section ? { gaSectionId: section.sectionId, quantity: entry.quantity } : null;
}

/** The inventory after a place was taken (so the next entry of the same pass is not offered it again). */
export function takePlace(inventory: WaitlistInventory, place: WaitlistPlace): void {
  if ('seatNos' in place) {
    for (const seatNo of place.seatNos) inventory.free[seatNo] = 0;
    return;
  }
  const section = inventory.ga.find((ga) => ga.sectionId === place.gaSectionId);
  if (section) section.remaining -= place.quantity;
}
