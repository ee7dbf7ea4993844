// Drawing the seats inside a box of the map, the hot loop of tile drawing: dots (or squares when tiny) batched by
// colour, one path and one fill per colour, then the flags' marks (a wheelchair space's square, a companion seat's dot,
// a restricted view's stroke: the same in the shop, kiosk, counter and designer), aisle rings and row labels once they
// are legible.
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
  const rowStarts: number[] = [];
  const companions: number[] = [];
  const restricted: number[] = [];
  grid.forEachInRect(box.minX - r, box.minY - r, box.maxX + r, box.maxY + r, (seat) => {
    const x = model.x[seat]!;
    const y = model.y[seat]!;
    if (x + r < box.minX || x - r > box.maxX || y + r < box.minY || y - r > box.maxY) return;
    const color = seatColor(model, palette, seat);
    let bucket = buckets.get(color);
    if (!bucket) buckets.set(color, (bucket = []));
    bucket.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.wheelchair) markers.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.aisle) aisles.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.companion) companions.push(seat);
    if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.restrictedView) restricted.push(seat);
    if (
      spacingPx >= ROW_LABEL_PX &&
      (seat === 0 || model.rows[seat - 1] !== model.rows[seat] || model.section[seat - 1] !== model.section[seat])
    ) {
      rowStarts.push(seat);
    }
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
    // Aisle seats: a thin ring, so the way out is visible at a glance.
    ctx.strokeStyle = palette.aisle;
    ctx.lineWidth = r * 0.25;
    ctx.beginPath();
    for (const seat of aisles) {
      ctx.moveTo(model.x[seat]! + r * 1.1, model.y[seat]!);
      ctx.arc(model.x[seat]!, model.y[seat]!, r * 1.1, 0, Math.PI * 2);
    }
    ctx.stroke();
  }
  if (rowStarts.length > 0) {
    ctx.fillStyle = palette.rowLabel;
    ctx.font = `${(model.seatSpacing * 0.8).toFixed(2)}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const seat of rowStarts) ctx.fillText(model.rows[seat]!, model.x[seat]! - r * 1.6, model.y[seat]!);
  }
}
