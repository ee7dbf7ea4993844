// The seat map's colours: the palette a host may replace (tier colours from the event, a high-contrast theme), and
// the colour of one seat by its status and tier.
import { STATUS, type SeatMapModel } from './model.ts';

export interface Palette {
  background: string;
  stage: string;
  stageText: string;
  sectionOutline: string;
  /** Section fill when zoomed out, by the share of its seats still free (0..1). */
  sectionFill: (freeShare: number) => string;
  /** Section fill under the seats when zoomed in. */
  sectionUnderlay: string;
  tiers: string[];
  held: string;
  sold: string;
  unavailable: string;
  marker: string;
  /** Ring around aisle seats. */
  aisle: string;
  rowLabel: string;
  selected: string;
  focus: string;
  /** The designer's ring round a seat with a problem. */
  problem?: string;
}

export const DEFAULT_PALETTE: Palette = {
  background: '#f7f7f5',
  stage: '#2b2b2b',
  stageText: '#ffffff',
  sectionOutline: '#9a9a9a',
  sectionFill: (share) => (share <= 0 ? '#d0d0d0' : share < 0.1 ? '#f0b87a' : share < 0.5 ? '#9fd09a' : '#5cb85c'),
  sectionUnderlay: '#ecece8',
  tiers: ['#6a3d9a', '#1f78b4', '#33a02c', '#e6861a', '#e31a1c', '#b15928', '#a6cee3', '#fb9a99'],
  held: '#b9b9b9',
  sold: '#8d8d8d',
  unavailable: '#d6d6d6',
  marker: '#ffffff',
  aisle: '#333333',
  rowLabel: '#555555',
  selected: '#111111',
  focus: '#005fcc',
};

export function seatColor(model: SeatMapModel, palette: Palette, seat: number): string {
  const status = model.status[seat];
  if (status === STATUS.available) return palette.tiers[model.tier[seat]! % palette.tiers.length]!;
  if (status === STATUS.held) return palette.held;
  if (status === STATUS.sold) return palette.sold;
  return palette.unavailable;
}
