// Draws the seat map on a canvas with level of detail. Zoomed out: sections as shapes coloured by how many seats are
// free. Zoomed in: every seat, coloured by status and tier, with accessibility markers and row labels, rendered into
// cached tiles (256 device pixels, one set per power-of-two zoom) so a pan or zoom frame only blits bitmaps. Tiles
// that are missing are drawn a few per frame within a time budget, showing a scaled neighbour meanwhile. A status
// change repaints just that seat in the cached tiles that hold it. Culling comes from the spatial index.
import { FLAG, STATUS, type SeatMapModel } from './model.ts';
import type { SeatGrid } from './spatial-index.ts';
import type { Viewport } from './viewport.ts';

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

const TILE = 256;
/** Seats are drawn one by one once neighbours are this many device pixels apart. */
const SEAT_LOD_PX = 3;
const ROW_LABEL_PX = 14;
const MARKER_PX = 8;
/** Time a frame may spend drawing missing tiles. */
const TILE_BUDGET_MS = 6;
const MAX_TILES = 600;

type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

interface Tile {
  canvas: OffscreenCanvas | HTMLCanvasElement;
  context: Canvas2D;
  z: number;
  tx: number;
  ty: number;
  used: number;
}

export interface FrameStats {
  /** Tiles still waiting to be drawn after this frame (0 when the frame is complete). */
  pendingTiles: number;
  seatLevel: boolean;
}

function createCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export class SeatMapRenderer {
  palette: Palette;
  dpr: number;
  selected = new Set<number>();
  focused = -1;
  private readonly tiles = new Map<string, Tile>();
  private frame = 0;
  private readonly context: CanvasRenderingContext2D;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly model: SeatMapModel,
    private readonly grid: SeatGrid,
    private readonly viewport: Viewport,
    options: { dpr?: number; palette?: Palette } = {},
  ) {
    this.palette = options.palette ?? DEFAULT_PALETTE;
    this.dpr = options.dpr ?? 1;
    this.context = canvas.getContext('2d', { alpha: false })!;
  }

  /** Radius of a seat dot in map units. */
  private get seatRadius(): number {
    return this.model.seatSpacing * 0.42;
  }

  /** Whether, at the current zoom, seats are drawn one by one. */
  seatLevel(): boolean {
    return this.model.seatSpacing * this.viewport.state.scale * this.dpr >= SEAT_LOD_PX;
  }

  /** Forgets every cached tile (palette, tiers or size changed). */
  invalidate(): void {
    this.tiles.clear();
  }

  /** Draws one frame. Call again while pendingTiles > 0 (the next animation frame) to finish missing tiles. */
  render(): FrameStats {
    this.frame++;
    const ctx = this.context;
    const { width, height } = this.canvas;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.palette.background;
    ctx.fillRect(0, 0, width, height);
    const scale = this.viewport.state.scale * this.dpr;
    ctx.setTransform(scale, 0, 0, scale, -this.viewport.state.x * scale, -this.viewport.state.y * scale);
    const seats = this.seatLevel();
    this.drawSections(ctx, seats);
    this.drawStage(ctx, scale);
    let pending = 0;
    if (seats) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      pending = this.drawSeatTiles(ctx);
      ctx.setTransform(scale, 0, 0, scale, -this.viewport.state.x * scale, -this.viewport.state.y * scale);
    }
    this.drawOverlays(ctx, scale);
    return { pendingTiles: pending, seatLevel: seats };
  }

  /**
   * Repaints these seats in every cached tile that shows them (their status changed); the next render() then only
   * blits. Tiles not cached yet will be drawn with the new status anyway.
   */
  repaintSeats(seats: Iterable<number>): void {
    const r = this.seatRadius;
    const levels = new Set<number>();
    for (const tile of this.tiles.values()) levels.add(tile.z);
    const current = Math.ceil(Math.log2(this.viewport.state.scale * this.dpr));
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
    this.drawSeatsIn(ctx, box, s);
    ctx.restore();
  }

  private drawSections(ctx: Canvas2D, seatLevel: boolean): void {
    const view = this.viewport.visible();
    ctx.lineWidth = 1 / (this.viewport.state.scale * this.dpr);
    ctx.strokeStyle = this.palette.sectionOutline;
    this.model.sections.forEach((section, index) => {
      const b = section.bounds;
      if (b.maxX < view.minX || b.minX > view.maxX || b.maxY < view.minY || b.minY > view.maxY) return;
      const total = this.model.sectionSeats[index]!;
      const share = section.kind === 'ga' ? 1 : total === 0 ? 0 : this.model.sectionFree[index]! / total;
      ctx.beginPath();
      const [first, ...rest] = section.polygon;
      ctx.moveTo(first![0], first![1]);
      for (const [x, y] of rest) ctx.lineTo(x, y);
      ctx.closePath();
      ctx.fillStyle =
        seatLevel && section.kind === 'seated' ? this.palette.sectionUnderlay : this.palette.sectionFill(share);
      ctx.fill();
      ctx.stroke();
    });
  }

  private drawStage(ctx: Canvas2D, scale: number): void {
    const { polygon, label } = this.model.stage;
    ctx.beginPath();
    polygon.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.closePath();
    ctx.fillStyle = this.palette.stage;
    ctx.fill();
    let cx = 0;
    let cy = 0;
    for (const [x, y] of polygon) {
      cx += x / polygon.length;
      cy += y / polygon.length;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const [sx, sy] = [(cx - this.viewport.state.x) * scale, (cy - this.viewport.state.y) * scale];
    ctx.fillStyle = this.palette.stageText;
    ctx.font = `${Math.round(12 * this.dpr)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, sx, sy);
    ctx.restore();
  }

  /** Blits the visible tiles of the current level; draws missing ones within the frame's budget. */
  private drawSeatTiles(ctx: Canvas2D): number {
    const scale = this.viewport.state.scale * this.dpr;
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
    const r = this.seatRadius;
    return !(left > this.model.width + r || top > this.model.height + r || left + world < -r || top + world < -r);
  }

  private drawTile(z: number, tx: number, ty: number): Tile {
    const canvas = createCanvas(TILE, TILE);
    const context = canvas.getContext('2d') as Canvas2D;
    const s = 2 ** z;
    const world = TILE / s;
    context.setTransform(s, 0, 0, s, -tx * world * s, -ty * world * s);
    const r = this.seatRadius;
    this.drawSeatsIn(
      context,
      { minX: tx * world - r, minY: ty * world - r, maxX: (tx + 1) * world + r, maxY: (ty + 1) * world + r },
      s,
    );
    const tile = { canvas, context, z, tx, ty, used: this.frame };
    this.tiles.set(`${z}/${tx}/${ty}`, tile);
    return tile;
  }

  /** Draws the seats whose dots overlap the box, batched by colour: one path and one fill per colour. */
  private drawSeatsIn(ctx: Canvas2D, box: { minX: number; minY: number; maxX: number; maxY: number }, s: number): void {
    const { model, palette } = this;
    const r = this.seatRadius;
    const spacingPx = model.seatSpacing * s;
    const asDots = r * s >= 2.5;
    const buckets = new Map<string, number[]>();
    const markers: number[] = [];
    const aisles: number[] = [];
    const rowStarts: number[] = [];
    this.grid.forEachInRect(box.minX - r, box.minY - r, box.maxX + r, box.maxY + r, (seat) => {
      const x = model.x[seat]!;
      const y = model.y[seat]!;
      if (x + r < box.minX || x - r > box.maxX || y + r < box.minY || y - r > box.maxY) return;
      const color = this.colorOf(seat);
      let bucket = buckets.get(color);
      if (!bucket) buckets.set(color, (bucket = []));
      bucket.push(seat);
      if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.wheelchair) markers.push(seat);
      if (spacingPx >= MARKER_PX && model.flags[seat]! & FLAG.aisle) aisles.push(seat);
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

  colorOf(seat: number): string {
    const status = this.model.status[seat];
    if (status === STATUS.available) return this.palette.tiers[this.model.tier[seat]! % this.palette.tiers.length]!;
    if (status === STATUS.held) return this.palette.held;
    if (status === STATUS.sold) return this.palette.sold;
    return this.palette.unavailable;
  }

  /** The buyer's selection and the keyboard focus: few seats, drawn fresh each frame on top of the tiles. */
  private drawOverlays(ctx: Canvas2D, scale: number): void {
    const r = this.seatRadius;
    const line = Math.max(1.5, 2 * this.dpr) / scale;
    if (this.selected.size > 0) {
      ctx.lineWidth = line;
      ctx.strokeStyle = this.palette.selected;
      ctx.beginPath();
      for (const seat of this.selected) {
        ctx.moveTo(this.model.x[seat]! + r * 1.35, this.model.y[seat]!);
        ctx.arc(this.model.x[seat]!, this.model.y[seat]!, r * 1.35, 0, Math.PI * 2);
      }
      ctx.stroke();
    }
    if (this.focused >= 0) {
      ctx.lineWidth = line * 1.5;
      ctx.strokeStyle = this.palette.focus;
      ctx.beginPath();
      const radius = Math.max(r * 1.8, 8 / scale);
      ctx.arc(this.model.x[this.focused]!, this.model.y[this.focused]!, radius, 0, Math.PI * 2);
      ctx.stroke();
    }
  }

  /** Keeps the tile cache bounded: drops the least recently shown tiles. */
  private evict(): void {
    if (this.tiles.size <= MAX_TILES) return;
    const byAge = [...this.tiles.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [key] of byAge.slice(0, this.tiles.size - MAX_TILES)) this.tiles.delete(key);
  }
}
