// Draws the seat map on a canvas with level of detail. Zoomed out: sections in their tier's colour, as strong as they
// have seats free, with their names (sections-drawing.ts). Zoomed in: every seat, coloured by status and tier, with
// accessibility markers and row labels, blitted from cached tiles (tile-cache.ts, seats drawn by seat-drawing.ts).
// On top, each frame: the stage and its label, section labels until rows carry theirs, the buyer's selection (its own
// fill, larger, with a check) and the keyboard focus. Culling comes from the spatial index.
import type { SeatMapModel } from './model.ts';
import { DEFAULT_PALETTE, seatColor, type Palette } from './palette.ts';
import { drawSectionLabels, drawSections, sectionFacts, type SectionFacts } from './sections-drawing.ts';
import { drawSeatsIn, seatRadius, type Canvas2D } from './seat-drawing.ts';
import type { SeatGrid } from './spatial-index.ts';
import { TileCache } from './tile-cache.ts';
import type { Viewport } from './viewport.ts';

/** Seats are drawn one by one once neighbours are this many device pixels apart. */
const SEAT_LOD_PX = 3;

export interface FrameStats {
  /** Tiles still waiting to be drawn after this frame (0 when the frame is complete). */
  pendingTiles: number;
  seatLevel: boolean;
}

export class SeatMapRenderer {
  palette: Palette;
  dpr: number;
  selected = new Set<number>();
  focused = -1;
  /** The designer's: seats with a problem, ringed; and the rectangle being dragged out (map units). */
  highlighted = new Set<number>();
  dragRect: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
  /** The designer's move in progress: the selection drawn this far away (map units) until it is dropped. */
  moveOffset: { dx: number; dy: number } | null = null;
  private readonly tiles: TileCache;
  private readonly context: CanvasRenderingContext2D;
  /** Each section's tier and label point: worked out again on the first frame after the tiers may have changed. */
  private facts: SectionFacts | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly model: SeatMapModel,
    grid: SeatGrid,
    private readonly viewport: Viewport,
    options: { dpr?: number; palette?: Palette } = {},
  ) {
    this.palette = options.palette ?? DEFAULT_PALETTE;
    this.dpr = options.dpr ?? 1;
    this.context = canvas.getContext('2d', { alpha: false })!;
    // Tiles are drawn with the palette of the moment they are drawn; invalidate() after changing it.
    this.tiles = new TileCache(model, viewport, (ctx, box, s) => drawSeatsIn(ctx, model, grid, this.palette, box, s));
  }

  /** Whether, at the current zoom, seats are drawn one by one. */
  seatLevel(): boolean {
    return this.model.seatSpacing * this.viewport.state.scale * this.dpr >= SEAT_LOD_PX;
  }

  /** Forgets every cached tile (palette, tiers or size changed) and what each section's tier is. */
  invalidate(): void {
    this.tiles.clear();
    this.facts = null;
  }

  /** Draws one frame. Call again while pendingTiles > 0 (the next animation frame) to finish missing tiles. */
  render(): FrameStats {
    this.tiles.beginFrame();
    const ctx = this.context;
    const { width, height } = this.canvas;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.palette.background;
    ctx.fillRect(0, 0, width, height);
    const scale = this.viewport.state.scale * this.dpr;
    ctx.setTransform(scale, 0, 0, scale, -this.viewport.state.x * scale, -this.viewport.state.y * scale);
    const seats = this.seatLevel();
    const facts = (this.facts ??= sectionFacts(this.model));
    drawSections(ctx, this.model, this.palette, facts, this.viewport.visible(), scale, seats);
    this.drawStage(ctx, scale);
    let pending = 0;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (seats) pending = this.tiles.draw(ctx, scale);
    drawSectionLabels(ctx, this.model, this.palette, facts, this.viewport, this.dpr);
    ctx.setTransform(scale, 0, 0, scale, -this.viewport.state.x * scale, -this.viewport.state.y * scale);
    this.drawOverlays(ctx, scale);
    return { pendingTiles: pending, seatLevel: seats };
  }

  /**
   * Repaints these seats in every cached tile that shows them (their status changed); the next render() then only
   * blits. Tiles not cached yet will be drawn with the new status anyway.
   */
  repaintSeats(seats: Iterable<number>): void {
    this.tiles.repaintSeats(seats, this.viewport.state.scale * this.dpr);
  }

  colorOf(seat: number): string {
    return seatColor(this.model, this.palette, seat);
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

  /** The buyer's selection and the keyboard focus: few seats, drawn fresh each frame on top of the tiles. */
  private drawOverlays(ctx: Canvas2D, scale: number): void {
    const r = seatRadius(this.model);
    const line = Math.max(1.5, 2 * this.dpr) / scale;
    if (this.selected.size > 0) this.drawSelection(ctx, r, scale);
    if (this.highlighted.size > 0) {
      ctx.lineWidth = line * 1.5;
      ctx.strokeStyle = this.palette.problem ?? '#c4001a';
      ctx.beginPath();
      for (const seat of this.highlighted) {
        const radius = Math.max(r * 1.7, 6 / scale);
        ctx.moveTo(this.model.x[seat]! + radius, this.model.y[seat]!);
        ctx.arc(this.model.x[seat]!, this.model.y[seat]!, radius, 0, Math.PI * 2);
      }
      ctx.stroke();
    }
    if (this.moveOffset && this.selected.size > 0) {
      // Where the selection will land: its seats drawn translated, on top of where they are now.
      const { dx, dy } = this.moveOffset;
      ctx.fillStyle = this.palette.focus;
      ctx.beginPath();
      for (const seat of this.selected) {
        ctx.moveTo(this.model.x[seat]! + dx + r, this.model.y[seat]! + dy);
        ctx.arc(this.model.x[seat]! + dx, this.model.y[seat]! + dy, r, 0, Math.PI * 2);
      }
      ctx.fill();
    }
    if (this.dragRect) {
      const box = this.dragRect;
      ctx.lineWidth = line;
      ctx.strokeStyle = this.palette.focus;
      ctx.strokeRect(box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY);
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

  /**
   * The buyer's seats, unmistakable: larger than a seat, in their own fill (whatever the tier colour), with a check
   * once it is big enough to see; never to be taken for an aisle seat's faint ring.
   */
  private drawSelection(ctx: Canvas2D, r: number, scale: number): void {
    const radius = Math.max(r * 1.35, (3 * this.dpr) / scale);
    ctx.fillStyle = this.palette.mine;
    ctx.beginPath();
    for (const seat of this.selected) {
      ctx.moveTo(this.model.x[seat]! + radius, this.model.y[seat]!);
      ctx.arc(this.model.x[seat]!, this.model.y[seat]!, radius, 0, Math.PI * 2);
    }
    ctx.fill();
    if (radius * scale < 5 * this.dpr) return;
    ctx.strokeStyle = this.palette.mineMark;
    ctx.lineWidth = radius * 0.26;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    for (const seat of this.selected) {
      const x = this.model.x[seat]!;
      const y = this.model.y[seat]!;
      ctx.moveTo(x - radius * 0.45, y + radius * 0.02);
      ctx.lineTo(x - radius * 0.12, y + radius * 0.35);
      ctx.lineTo(x + radius * 0.48, y - radius * 0.32);
    }
    ctx.stroke();
    ctx.lineCap = 'butt';
  }
}
