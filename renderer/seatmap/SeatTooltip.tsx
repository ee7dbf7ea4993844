// The tooltip of one seat, shown where it is on the map (a mouse resting on it, a finger held on it, or the keyboard's
// focus): section, row and seat, its price, and what to know before choosing it (restricted view, wheelchair space…).
// It never covers what the pointer is on: it stands above the seat (below it near the top edge).
import type { CSSProperties } from 'react';
import type { Money } from '../../cloud/contract/index.ts';
import { useT } from '../i18n/index.ts';
import { formatMoney } from '../ui/format.ts';
import type { SeatMapEngine } from './engine.ts';
import { FLAG, STATUS } from './model.ts';
import { flagWords } from './seat-flags.ts';

export interface TooltipAt {
  seat: number;
  /** CSS pixels from the canvas's top-left corner. */
  x: number;
  y: number;
}

export function SeatTooltip({
  id,
  engine,
  at,
  selected,
  priceOf,
  rtl,
}: {
  id: string;
  engine: SeatMapEngine;
  at: TooltipAt;
  selected: boolean;
  priceOf?: (seat: number) => Money | null;
  rtl: boolean;
}) {
  const t = useT();
  const { model, viewport } = engine;
  const { seat } = at;
  const section = model.sections[model.section[seat]!]?.name ?? '';
  const flags = model.flags[seat]!;
  const notes = flagWords({
    wheelchair: (flags & FLAG.wheelchair) !== 0,
    companion: (flags & FLAG.companion) !== 0,
    restrictedView: (flags & FLAG.restrictedView) !== 0,
    aisle: (flags & FLAG.aisle) !== 0,
  });
  const price = priceOf?.(seat) ?? null;
  const status = model.status[seat];
  const state = selected
    ? t('seatmap.tooltip.yours')
    : status === STATUS.available
      ? null
      : status === STATUS.unavailable
        ? t('seatmap.tooltip.notForSale')
        : t('seatmap.tooltip.taken');
  // Logical position: from the inline start edge, so the same CSS places it in a right-to-left page.
  const fromStart = rtl ? viewport.width - at.x : at.x;
  const style = {
    '--tip-inline': `${fromStart}px`,
    '--tip-block': `${at.y}px`,
  } as CSSProperties;
  const align = fromStart < viewport.width * 0.25 ? 'start' : fromStart > viewport.width * 0.75 ? 'end' : 'middle';
  return (
    <div
      id={id}
      role="tooltip"
      className="seatmap-tooltip"
      data-align={align}
      data-below={at.y < viewport.height * 0.3 ? '' : undefined}
      style={style}
    >
      <strong>{t('seatmap.tooltip.place', { section, row: model.rows[seat], seat: model.numbers[seat] })}</strong>
      {price && <span className="seatmap-tooltip-price">{formatMoney(price)}</span>}
      {state && <span>{state}</span>}
      {notes.length > 0 && <span className="seatmap-tooltip-notes">{notes.join(' · ')}</span>}
    </div>
  );
}
