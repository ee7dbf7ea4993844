// Drawing the seats inside a box of the map, the hot loop of tile drawing: dots (or squares when tiny) batched by
// colour, one path and one fill per colour, then the flags' marks (a wheelchair space's square, a companion seat's dot,
// a restricted view's stroke: the same in the shop, kiosk, counter and designer), an aisle seat's faint ring, and
// once legible each row's label outside the row at both ends (beyond its first and last seat, never over a seat).
import { FLAG, type SeatMapModel } from './model.ts';
import { seatColor, type Palette } from './palette.ts';
import type { SeatGrid } from './spatial-index.ts';

const ROW_LABEL_PX = 14;
const MARKER_PX = 8;

export type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Radius of a seat dot in map units. */
export const seatRadius = (model: SeatMapModel): number => model.seatSpacing * 0.42;

/** Draws the seats whose dots overlap the box at `s` device pixels per map unit. */
export function drawSeatsIn(
  ctx: Canvas2D,
  model: SeatMapModel,
  grid: SeatGrid,
  palette: Palette,
  box: Box,
  s: number,
): void {
  const r = seatRadius(model);
  const spacingPx = model.seatSpacing * s;
  const asDots = r * s >= 2.5;
  const buckets = new Map<string, number[]>();
  const markers: number[] = [];
  const aisles: number[] = [];
  const rowEnds: number[] = [];
  const companions: number[] = [];
  const restricted: number[] = [];
  // Labels are drawn with a whole tile; repainting one seat's box (a status change) leaves them as they are.
  const labels = spacingPx >= ROW_LABEL_PX && box.maxX - box.minX > model.seatSpacing * 4;
  // A row's label stands up to two seats beyond its end seat, so end seats that far outside the box are looked at too.
  const reach = labels ? model.seatSpacing * LABEL_REACH : r;
  grid.forEachInRect(box.minX - reach, box.minY - reach, box.maxX + reach, box.maxY + reach, (seat) => {
    const x = model.x[seat]!;
    const y = model.y[seat]!;
    if (labels && (isRowEnd(model, seat, -1) || isRowEnd(model, seat, 1))) rowEnds.push(seat);
    if (x + r < box.minX || x - r > box.maxX || y + r < box.minY || y - r > box.maxY) return;
    const color = seatColor(model, palette, seat);
    let bucket = buckets.get(color);
    if (!bucket) buckets.set(color, (bucket = []));
    bucket.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.wheelchair) markers.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.aisle) aisles.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.companion) companions.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.restrictedView) restricted.push(seat);
  });
  for (const [color, seats] of buckets) {
    ctx.fillStyle = color;
    ctx.beginPath();
    for (const seat of seats) {
      const x = model.x[seat]!;
      const y = model.y[seat]!;
      if (asDots) {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
      } else {
        ctx.rect(x - r, y - r, r * 2, r * 2);
      }
    }
    ctx.fill();
  }
  if (markers.length > 0) {
    // Wheelchair spaces: a white square inside the dot, visible whatever the tier colour.
    ctx.fillStyle = palette.marker;
    ctx.beginPath();
    for (const seat of markers)
      ctx.rect(model.x[seat]! - r / 2.5, model.y[seat]! - r / 2.5, (r * 2) / 2.5, (r * 2) / 2.5);
    ctx.fill();
  }
  if (companions.length > 0) {
    // Companion seats: a white dot in the middle.
    ctx.fillStyle = palette.marker;
    ctx.beginPath();
    for (const seat of companions) {
      ctx.moveTo(model.x[seat]! + r / 3, model.y[seat]!);
      ctx.arc(model.x[seat]!, model.y[seat]!, r / 3, 0, Math.PI * 2);
    }
    ctx.fill();
  }
  if (restricted.length > 0) {
    // Restricted view: a white stroke across the dot.
    ctx.strokeStyle = palette.marker;
    ctx.lineWidth = r * 0.3;
    ctx.beginPath();
    for (const seat of restricted) {
      ctx.moveTo(model.x[seat]! - r * 0.7, model.y[seat]! + r * 0.7);
      ctx.lineTo(model.x[seat]! + r * 0.7, model.y[seat]! - r * 0.7);
    }
    ctx.stroke();
  }
  if (aisles.length > 0) {
    // Aisle seats: a faint thin ring, so the way out shows without competing with the buyer's own seats.
    ctx.strokeStyle = palette.aisle;
    ctx.lineWidth = r * 0.14;
    ctx.beginPath();
    for (const seat of aisles) {
      ctx.moveTo(model.x[seat]! + r * 1.12, model.y[seat]!);
      ctx.arc(model.x[seat]!, model.y[seat]!, r * 1.12, 0, Math.PI * 2);
    }
    ctx.stroke();
  }
  if (rowEnds.length > 0) drawRowLabels(ctx, model, palette, rowEnds);
}

/** How far beyond a row's end seat its label's centre stands, in seat spacings. */
const LABEL_OFFSET = 1.15;
const LABEL_REACH = LABEL_OFFSET + 1;

const sameRow = (model: SeatMapModel, a: number, b: number): boolean =>
  b >= 0 && b < model.seatCount && model.section[a] === model.section[b] && model.rows[a] === model.rows[b];

/** Whether the seat ends its row on that side (-1: the first seat, 1: the last one); a lone seat is both. */
const isRowEnd = (model: SeatMapModel, seat: number, side: -1 | 1): boolean => !sameRow(model, seat, seat + side);

/** Each row's label beyond its end seats, along the row's own direction (rows may be curved or slanted). */
function drawRowLabels(ctx: Canvas2D, model: SeatMapModel, palette: Palette, ends: number[]): void {
  ctx.fillStyle = palette.rowLabel;
  ctx.font = `600 ${(model.seatSpacing * 0.7).toFixed(2)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const offset = model.seatSpacing * LABEL_OFFSET;
  for (const seat of ends) {
    for (const side of [-1, 1] as const) {
      if (!isRowEnd(model, seat, side)) continue;
      // Outward: away from the neighbour inside the row (or sideways for a row of one seat).
      const inner = seat - side;
      let dx: number = side;
      let dy = 0;
      if (sameRow(model, seat, inner)) {
        dx = model.x[seat]! - model.x[inner]!;
        dy = model.y[seat]! - model.y[inner]!;
        const length = Math.hypot(dx, dy) || 1;
        dx /= length;
        dy /= length;
      }
      ctx.fillText(model.rows[seat]!, model.x[seat]! + dx * offset, model.y[seat]! + dy * offset);
    }
  }
}
