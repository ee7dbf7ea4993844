// Painting seats on the map: the seats whose centres lie in the rectangle dragged between two points of the canvas
// (CSS pixels), found through the engine's own camera and spatial index, so a drag over a 60,000-seat map touches
// only the cells under it. Pure over the engine's public parts; the screen owns the pointer.
import type { SeatMapEngine } from '../../../seatmap/engine.ts';

export interface CanvasPoint {
  x: number;
  y: number;
}

export function seatsInRectangle(
  engine: Pick<SeatMapEngine, 'viewport' | 'grid' | 'model'>,
  from: CanvasPoint,
  to: CanvasPoint,
): number[] {
  const [ax, ay] = engine.viewport.toMap(from.x, from.y);
  const [bx, by] = engine.viewport.toMap(to.x, to.y);
  const minX = Math.min(ax, bx);
  const maxX = Math.max(ax, bx);
  const minY = Math.min(ay, by);
  const maxY = Math.max(ay, by);
  const found: number[] = [];
  const { x, y } = engine.model;
  engine.grid.forEachInRect(minX, minY, maxX, maxY, (seat) => {
    const seatX = x[seat]!;
    const seatY = y[seat]!;
    if (seatX >= minX && seatX <= maxX && seatY >= minY && seatY <= maxY) found.push(seat);
  });
  return found.sort((a, b) => a - b);
}

/** The selection after a stroke: seats added, or (erasing) taken away. */
export function paintInto(selected: readonly number[], stroke: readonly number[], erase: boolean): number[] {
  const next = new Set(selected);
  for (const seat of stroke) {
    if (erase) next.delete(seat);
    else next.add(seat);
  }
  return [...next].sort((a, b) => a - b);
}
