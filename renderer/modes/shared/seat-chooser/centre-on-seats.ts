// Brings seats into view: zoomed in to where seats are drawn one by one (or as far as shows them all) and centred on
// them. Used for the buyer's own seats (a best-available result, a hold they came back to).
import type { SeatMapEngine } from '../../../seatmap/engine.ts';

/** Seat-level zoom: this many CSS pixels between neighbouring seats. */
const SEAT_PIXELS = 14;

export function centreOnSeats(engine: SeatMapEngine, seats: readonly number[]): void {
  if (seats.length === 0) return;
  const { model, viewport } = engine;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const seat of seats) {
    minX = Math.min(minX, model.x[seat]!);
    maxX = Math.max(maxX, model.x[seat]!);
    minY = Math.min(minY, model.y[seat]!);
    maxY = Math.max(maxY, model.y[seat]!);
  }
  const margin = model.seatSpacing * 6;
  const fitAll = Math.min(viewport.width / (maxX - minX + margin), viewport.height / (maxY - minY + margin));
  const seatLevel = SEAT_PIXELS / model.seatSpacing;
  const scale = Math.min(viewport.maxScale, Math.max(viewport.minScale, Math.min(seatLevel, fitAll)));
  viewport.state = { ...viewport.state, scale };
  viewport.centreOn((minX + maxX) / 2, (minY + maxY) / 2);
  engine.requestRender();
}
