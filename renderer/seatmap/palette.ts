// The seat map's colours: the palette a host may replace (tier colours from the event, the design tokens of the
// page's theme), and the colour of one seat by its status and tier.
import { STATUS, type SeatMapModel } from './model.ts';

export interface Palette {
  background: string;
  stage: string;
  stageText: string;
  sectionOutline: string;
  /** Section fill under the seats when zoomed in. */
  sectionUnderlay: string;
  /** A standing area's fill, and a seated section's at the overview when it has no tier colour. */
  sectionFallback: string;
  /** Section and row labels, and the halo that keeps them legible over seats. */
  label: string;
  labelHalo: string;
  tiers: string[];
  held: string;
  sold: string;
  unavailable: string;
  marker: string;
  /** The subtle mark round aisle seats (never as strong as a selected seat). */
  aisle: string;
  rowLabel: string;
  /** The buyer's own seats: their fill, and the check drawn on them. */
  mine: string;
  mineMark: string;
  focus: string;
  /** The designer's ring round a seat with a problem. */
  problem?: string;
}

export const DEFAULT_PALETTE: Palette = {
  background: '#f7f7f5',
  stage: '#2b2b2b',
  stageText: '#ffffff',
  sectionOutline: '#9a9a9a',
  sectionUnderlay: '#ecece8',
  sectionFallback: '#2e7d32',
  label: '#333333',
  labelHalo: '#f7f7f5',
  tiers: ['#6a3d9a', '#1f78b4', '#33a02c', '#e6861a', '#e31a1c', '#b15928', '#a6cee3', '#fb9a99'],
  held: '#b9b9b9',
  sold: '#8d8d8d',
  unavailable: '#d6d6d6',
  marker: '#ffffff',
  aisle: 'rgb(0 0 0 / 18%)',
  rowLabel: '#555555',
  mine: '#6a1b9a',
  mineMark: '#ffffff',
  focus: '#005fcc',
};

/**
 * The palette of the page's theme: the design tokens (renderer/styles/tokens.css) as the element's computed style
 * has them, over the defaults for any token that is missing. Read once per theme change, never per frame.
 */
export function paletteFromTokens(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>, tiers: string[]): Palette {
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const background = token('--map-background', DEFAULT_PALETTE.background);
  return {
    ...DEFAULT_PALETTE,
    background,
    labelHalo: background,
    stage: token('--ink', DEFAULT_PALETTE.stage),
    stageText: token('--surface', DEFAULT_PALETTE.stageText),
    sectionOutline: token('--line-strong', DEFAULT_PALETTE.sectionOutline),
    sectionUnderlay: token('--surface-sunken', DEFAULT_PALETTE.sectionUnderlay),
    sectionFallback: token('--seat-available', DEFAULT_PALETTE.sectionFallback),
    label: token('--map-label', DEFAULT_PALETTE.label),
    rowLabel: token('--map-label', DEFAULT_PALETTE.rowLabel),
    held: token('--seat-held', DEFAULT_PALETTE.held),
    sold: token('--seat-sold', DEFAULT_PALETTE.sold),
    unavailable: token('--seat-sold', DEFAULT_PALETTE.unavailable),
    aisle: token('--seat-aisle-mark', DEFAULT_PALETTE.aisle),
    mine: token('--seat-mine', DEFAULT_PALETTE.mine),
    mineMark: token('--seat-mine-mark', DEFAULT_PALETTE.mineMark),
    focus: token('--focus', DEFAULT_PALETTE.focus),
    tiers: tiers.length > 0 ? tiers : DEFAULT_PALETTE.tiers,
  };
}

export function seatColor(model: SeatMapModel, palette: Palette, seat: number): string {
  const status = model.status[seat];
  if (status === STATUS.available) return palette.tiers[model.tier[seat]! % palette.tiers.length]!;
  if (status === STATUS.held) return palette.held;
  if (status === STATUS.sold) return palette.sold;
  return palette.unavailable;
}

/** How strongly a section is filled at the overview by the share of its seats still free: sold out is faint. */
export const overviewAlpha = (freeShare: number): number => (freeShare <= 0 ? 0.12 : 0.4 + 0.6 * freeShare);
