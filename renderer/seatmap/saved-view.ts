// Where a seat map's camera was, kept for the tab (sessionStorage) under the page's key (the event id), so coming
// Back to the event shows the part of the house the buyer was looking at.
import type { SavedView } from './engine.ts';

const keyOf = (viewKey: string) => `ticketboss.seatmap.view.${viewKey}`;

export function loadView(viewKey: string): SavedView | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(keyOf(viewKey)) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { centreX, centreY, scale } = value as Record<string, unknown>;
    if (![centreX, centreY, scale].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    if ((scale as number) <= 0) return null;
    return { centreX, centreY, scale } as SavedView;
  } catch {
    // Storage refused (private mode, quota) or a value not ours: the map starts from the whole house.
    return null;
  }
}

export function saveView(viewKey: string, view: SavedView): void {
  try {
    sessionStorage.setItem(keyOf(viewKey), JSON.stringify(view));
  } catch {
    // Storage refused: the next visit starts from the whole house, which is what it did before.
  }
}
