// The seat level's cached tiles: 256 device pixels each, one set per power-of-two zoom, so a pan or zoom frame only
// blits bitmaps. Missing tiles are drawn a few per frame within a time budget, showing a scaled coarser neighbour
// meanwhile; a status change repaints just that seat in the cached tiles that hold it; the least recently shown
// tiles are dropped past a bound.
import type { SeatMapModel } from './model.ts';
import { seatRadius, type Box, type Canvas2D } from './seat-drawing.ts';
import type { Viewport } from './viewport.ts';

const TILE = 256;
/** Time a frame may spend drawing missing tiles. */
const TILE_BUDGET_MS = 6;
const MAX_TILES = 600;

interface Tile {
  canvas: OffscreenCanvas | HTMLCanvasElement;
  context: Canvas2D;
  z: number;
  tx: number;
  ty: number;
  used: number;
}

/** Draws the seats overlapping a box into a context already transformed to map units at `s` pixels per unit. */
export type DrawSeats = (ctx: Canvas2D, box: Box, s: number) => void;

function createCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export class TileCache {
  private readonly tiles = new Map<string, Tile>();
  private frame = 0;

  constructor(
    private readonly model: SeatMapModel,
    private readonly viewport: Viewport,
    private readonly drawSeats: DrawSeats,
  ) {}

  /** A new frame begins: tiles shown from now on count as more recently used. */
  beginFrame(): void {
    this.frame++;
  }

  clear(): void {
    this.tiles.clear();
  }

  /**
   * Repaints these seats in every cached tile that shows them at `scale` device pixels per map unit; tiles of other
   * levels that show them are dropped and drawn afresh if they are needed again.
   */
  repaintSeats(seats: Iterable<number>, scale: number): void {
    const r = seatRadius(this.model);
    const levels = new Set<number>();
    for (const tile of this.tiles.values()) levels.add(tile.z);
    const current = Math.ceil(Math.log2(scale));
    for (const seat of seats) {
      const x = this.model.x[seat]!;
      const y = this.model.y[seat]!;
      for (const z of levels) {
        const s = 2 ** z;
        const world = TILE / s;
        // The tiles the dot touches: usually one, up to four at a corner.
        const tx0 = Math.floor((x - r) / world);
        const tx1 = Math.floor((x + r) / world);
        const ty0 = Math.floor((y - r) / world);
        const ty1 = Math.floor((y + r) / world);
        for (let ty = ty0; ty <= ty1; ty++) {
          for (let tx = tx0; tx <= tx1; tx++) {
            const key = `${z}/${tx}/${ty}`;
            const tile = this.tiles.get(key);
            if (!tile) continue;
            // Levels not on screen are dropped and drawn afresh if they are needed again.
            if (z !== current) this.tiles.delete(key);
            else this.repaintInTile(tile, x, y, r);
          }
        }
      }
    }
  }

  private repaintInTile(tile: Tile, x: number, y: number, r: number): void {
    const s = 2 ** tile.z;
    const world = TILE / s;
    const ctx = tile.context;
    const pad = 1 / s;
    const box = { minX: x - r - pad, minY: y - r - pad, maxX: x + r + pad, maxY: y + r + pad };
    ctx.save();
    ctx.setTransform(s, 0, 0, s, -tile.tx * world * s, -tile.ty * world * s);
    ctx.beginPath();
    ctx.rect(box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY);
    ctx.clip();
    ctx.clearRect(box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY);
    this.drawSeats(ctx, box, s);
    ctx.restore();
  }

  /**
   * Blits the visible tiles of the level for `scale` device pixels per map unit onto ctx (identity transform); draws
   * missing ones within the frame's budget. Returns how many are still missing.
   */
  draw(ctx: Canvas2D, scale: number): number {
    const z = Math.ceil(Math.log2(scale));
    const s = 2 ** z;
    const world = TILE / s;
    const view = this.viewport.visible();
    const tx0 = Math.floor(view.minX / world);
    const tx1 = Math.floor(view.maxX / world);
    const ty0 = Math.floor(view.minY / world);
    const ty1 = Math.floor(view.maxY / world);
    let missing = 0;
    const started = performance.now();
    const size = world * scale;
    for (let ty = ty0; ty <= ty1; ty++) {
      for (let tx = tx0; tx <= tx1; tx++) {
        if (!this.tileHasContent(tx * world, ty * world, world)) continue;
        let tile = this.tiles.get(`${z}/${tx}/${ty}`);
        if (!tile && performance.now() - started < TILE_BUDGET_MS) tile = this.drawTile(z, tx, ty);
        const dx = (tx * world - this.viewport.state.x) * scale;
        const dy = (ty * world - this.viewport.state.y) * scale;
        if (tile) {
          tile.used = this.frame;
          ctx.drawImage(tile.canvas, dx, dy, size, size);
        } else {
          missing++;
          this.drawStandIn(ctx, z, tx, ty, dx, dy, size);
        }
      }
    }
    this.evict();
    return missing;
  }

  /** Until a tile is drawn, show the cached tile of the next coarser level that covers it, scaled. */
  private drawStandIn(ctx: Canvas2D, z: number, tx: number, ty: number, dx: number, dy: number, size: number): void {
    for (let up = 1; up <= 3; up++) {
      const parent = this.tiles.get(`${z - up}/${tx >> up}/${ty >> up}`);
      if (!parent) continue;
      const part = TILE >> up;
      const sx = (tx - ((tx >> up) << up)) * part;
      const sy = (ty - ((ty >> up) << up)) * part;
      ctx.drawImage(parent.canvas, sx, sy, part, part, dx, dy, size, size);
      return;
    }
  }

  private tileHasContent(left: number, top: number, world: number): boolean {
    const r = seatRadius(this.model);
    return !(left > this.model.width + r || top > this.model.height + r || left + world < -r || top + world < -r);
  }

  private drawTile(z: number, tx: number, ty: number): Tile {
    const canvas = createCanvas(TILE, TILE);
    const context = canvas.getContext('2d') as Canvas2D;
    const s = 2 ** z;
    const world = TILE / s;
    context.setTransform(s, 0, 0, s, -tx * world * s, -ty * world * s);
    const r = seatRadius(this.model);
    this.drawSeats(
      context,
      { minX: tx * world - r, minY: ty * world - r, maxX: (tx + 1) * world + r, maxY: (ty + 1) * world + r },
      s,
    );
    const tile = { canvas, context, z, tx, ty, used: this.frame };
    this.tiles.set(`${z}/${tx}/${ty}`, tile);
    return tile;
  }

  /** Keeps the cache bounded: drops the least recently shown tiles. */
  private evict(): void {
    if (this.tiles.size <= MAX_TILES) return;
    const byAge = [...this.tiles.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [key] of byAge.slice(0, this.tiles.size - MAX_TILES)) this.tiles.delete(key);
  }
}
