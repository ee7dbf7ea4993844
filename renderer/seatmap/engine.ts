// The seat-map engine: one canvas, the model, the spatial index, the camera and the renderer, with input (mouse
// drag and wheel, touch pan and pinch, keyboard) and frames scheduled on requestAnimationFrame only when something
// changed. Plain TypeScript, no React: the wrapper in SeatMapView.tsx only mounts it and forwards callbacks.
import type { SeatMapImport } from '../../cloud/contract/index.ts';
import { applySnapshot, buildModel, setStatus, setTiers, type SeatMapModel, type StatusCode } from './model.ts';
import { SeatGrid } from './spatial-index.ts';
import { Viewport } from './viewport.ts';
import type { Palette } from './palette.ts';
import { SeatMapRenderer, type FrameStats } from './renderer.ts';
import { KEY_MOVES, SeatNavigator } from './navigation.ts';
import { listenToPointers, listenToWheel, type PointerOptions } from './pointer-input.ts';

/** The closest zoom: neighbouring seats this many CSS pixels apart (a seat never fills the screen). */
export const MAX_SEAT_CSS_PX = 48;
/** Neighbouring seats this many CSS pixels apart: each legible and easy to click (the keyboard's first zoom). */
const SEAT_CSS_PX = 12;

/** Where the camera looks: the map point in the middle of the canvas, and CSS pixels per map unit. */
export interface SavedView {
  centreX: number;
  centreY: number;
  scale: number;
}

export interface SeatMapEngineOptions extends PointerOptions {
  dpr?: number;
  palette?: Palette;
  /** The keyboard focus moved to a seat (for the screen-reader announcement). */
  onFocus?: (seat: number) => void;
  /** After every painted frame (for benchmarks). */
  onFrame?: (stats: FrameStats, milliseconds: number) => void;
  /** Sees each key first; true when it used it (the engine then leaves it alone). */
  onKey?: (event: KeyboardEvent) => boolean;
}

export class SeatMapEngine {
  // Replaced only by setModel (the designer's edits); the shop's and kiosk's engine keeps the first ones.
  model: SeatMapModel;
  grid: SeatGrid;
  readonly viewport: Viewport;
  renderer: SeatMapRenderer;
  navigator: SeatNavigator;
  /** When the first frame with every tile drawn was painted (performance.now()), for tests and benchmarks. */
  fullyPaintedAt: number | null = null;
  private frameRequested = false;
  private readonly listeners: [string, EventListener][] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    map: Pick<SeatMapImport, 'width' | 'height' | 'stage' | 'sections' | 'seats'>,
    private readonly options: SeatMapEngineOptions = {},
  ) {
    this.model = buildModel(map);
    this.grid = new SeatGrid(this.model.x, this.model.y, map.width, map.height, this.model.seatSpacing * 6);
    const rect = { width: canvas.clientWidth || canvas.width, height: canvas.clientHeight || canvas.height };
    this.viewport = new Viewport(rect.width, rect.height, map.width, map.height);
    this.renderer = new SeatMapRenderer(canvas, this.model, this.grid, this.viewport, {
      dpr: options.dpr ?? 1,
      ...(options.palette ? { palette: options.palette } : {}),
    });
    this.navigator = new SeatNavigator(this.model);
    this.viewport.maxScale = MAX_SEAT_CSS_PX / this.model.seatSpacing;
    this.resize(rect.width, rect.height);
    this.viewport.fit();
  }

  /** Shows the whole map again. */
  fit(): void {
    this.viewport.fit();
    this.requestRender();
  }

  /** The camera, to restore later (coming Back to the page). */
  savedView(): SavedView {
    const [centreX, centreY] = this.viewport.toMap(this.viewport.width / 2, this.viewport.height / 2);
    return { centreX, centreY, scale: this.viewport.state.scale };
  }

  restoreView(view: SavedView): void {
    const scale = Math.min(this.viewport.maxScale, Math.max(this.viewport.minScale, view.scale));
    this.viewport.state = { ...this.viewport.state, scale };
    this.viewport.centreOn(view.centreX, view.centreY);
    this.requestRender();
  }

  /** Shows these seats together, zoomed in as far as they all fit (at least to where seats are drawn one by one). */
  showSeats(seats: number[]): void {
    if (seats.length === 0) return;
    const xs = seats.map((seat) => this.model.x[seat]!);
    const ys = seats.map((seat) => this.model.y[seat]!);
    const margin = this.model.seatSpacing * 4;
    const width = Math.max(...xs) - Math.min(...xs) + margin * 2;
    const height = Math.max(...ys) - Math.min(...ys) + margin * 2;
    const fits = Math.min(this.viewport.width / width, this.viewport.height / height);
    const comfortable = (SEAT_CSS_PX * 2) / this.model.seatSpacing;
    const atLeast = Math.max(SEAT_CSS_PX / this.model.seatSpacing, this.viewport.minScale);
    const scale = Math.min(this.viewport.maxScale, Math.max(Math.min(fits, comfortable), atLeast));
    this.viewport.state = { ...this.viewport.state, scale };
    this.viewport.centreOn((Math.max(...xs) + Math.min(...xs)) / 2, (Math.max(...ys) + Math.min(...ys)) / 2);
    this.requestRender();
  }

  /** Where a seat is on the canvas now, in CSS pixels. */
  screenOf(seat: number): { x: number; y: number } {
    const [x, y] = this.viewport.toScreen(this.model.x[seat]!, this.model.y[seat]!);
    return { x, y };
  }

  /** Sizes the canvas's backing store to CSS size × devicePixelRatio, so lines stay sharp. */
  resize(cssWidth: number, cssHeight: number): void {
    const dpr = this.renderer.dpr;
    this.canvas.width = Math.max(1, Math.round(cssWidth * dpr));
    this.canvas.height = Math.max(1, Math.round(cssHeight * dpr));
    this.viewport.resize(cssWidth, cssHeight);
    this.requestRender();
  }

  /** The designer changed the map: index and draw this model instead, keeping the camera, selection and palette. */
  setModel(model: SeatMapModel): void {
    const previous = this.renderer;
    this.model = model;
    this.grid = new SeatGrid(model.x, model.y, model.width, model.height, model.seatSpacing * 6);
    this.renderer = new SeatMapRenderer(this.canvas, model, this.grid, this.viewport, {
      dpr: previous.dpr,
      palette: previous.palette,
    });
    this.renderer.selected = new Set([...previous.selected].filter((seat) => seat < model.seatCount));
    this.renderer.highlighted = new Set([...previous.highlighted].filter((seat) => seat < model.seatCount));
    this.navigator = new SeatNavigator(model);
    this.viewport.maxScale = MAX_SEAT_CSS_PX / model.seatSpacing;
    this.requestRender();
  }

  /** Seats whose tier or flags the designer changed in the model: only they are repainted. */
  repaintSeats(seats: number[]): void {
    if (seats.length === 0) return;
    this.renderer.repaintSeats(seats);
    this.requestRender();
  }

  /** Draws the selection offset by (dx, dy) map units, or in place (null): a move's preview before it is made. */
  previewMove(offset: { dx: number; dy: number } | null): void {
    this.renderer.moveOffset = offset;
    this.requestRender();
  }

  /** Seats to ring as having a problem (the designer's checks). */
  highlight(seats: Iterable<number>): void {
    this.renderer.highlighted = new Set(seats);
    this.requestRender();
  }

  setStatuses(codes: Uint8Array): void {
    applySnapshot(this.model, codes);
    this.renderer.invalidate();
    this.requestRender();
  }

  setTiers(tierOf: ArrayLike<number>): void {
    setTiers(this.model, tierOf);
    this.renderer.invalidate();
    this.requestRender();
  }

  /** Live changes: only the seats that changed are repainted. Returns how many changed. */
  applyChanges(changes: { seat: number; status: StatusCode }[]): number {
    const changed: number[] = [];
    for (const { seat, status } of changes) if (setStatus(this.model, seat, status)) changed.push(seat);
    if (changed.length > 0) {
      this.renderer.repaintSeats(changed);
      this.requestRender();
    }
    return changed.length;
  }

  select(seats: Iterable<number>): void {
    this.renderer.selected = new Set(seats);
    this.requestRender();
  }

  focusSeat(seat: number): void {
    this.renderer.focused = seat;
    if (seat >= 0) {
      const [sx, sy] = this.viewport.toScreen(this.model.x[seat]!, this.model.y[seat]!);
      if (sx < 0 || sy < 0 || sx > this.viewport.width || sy > this.viewport.height) {
        this.viewport.centreOn(this.model.x[seat]!, this.model.y[seat]!);
      }
      this.options.onFocus?.(seat);
    }
    this.requestRender();
  }

  /** Handles a key; true when it was the engine's (the caller then prevents the default). */
  handleKey(key: string): boolean {
    const move = KEY_MOVES[key];
    if (move) {
      const from = this.renderer.focused;
      const to = this.navigator.move(from, move);
      if (from < 0 && !this.renderer.seatLevel()) this.zoomToSeat(to);
      this.focusSeat(to);
      return true;
    }
    if ((key === 'Enter' || key === ' ') && this.renderer.focused >= 0) {
      this.options.onActivate?.(this.renderer.focused);
      return true;
    }
    if (key === '+' || key === '=') return (this.zoomBy(1.5), true);
    if (key === '-') return (this.zoomBy(1 / 1.5), true);
    return false;
  }

  zoomBy(factor: number, atX = this.viewport.width / 2, atY = this.viewport.height / 2): void {
    this.viewport.zoomAt(atX, atY, factor);
    this.requestRender();
  }

  panBy(dx: number, dy: number): void {
    this.viewport.panBy(dx, dy);
    this.requestRender();
  }

  /** Zooms in until seats are drawn one by one, centred on the seat. */
  zoomToSeat(seat: number): void {
    const scale = SEAT_CSS_PX / this.model.seatSpacing;
    this.viewport.state = { ...this.viewport.state, scale: Math.max(this.viewport.state.scale, scale) };
    this.viewport.centreOn(this.model.x[seat]!, this.model.y[seat]!);
    this.requestRender();
  }

  /** The seat at a point of the canvas (CSS pixels), or -1. Generous for fingers. */
  seatAt(cssX: number, cssY: number, touch = false): number {
    if (!this.renderer.seatLevel()) return -1;
    const [x, y] = this.viewport.toMap(cssX, cssY);
    const radius = Math.max(this.model.seatSpacing * 0.6, (touch ? 12 : 4) / this.viewport.state.scale);
    return this.grid.nearest(x, y, radius);
  }

  /** Draws now (synchronously); returns the frame's stats. */
  renderNow(): FrameStats {
    const started = performance.now();
    const stats = this.renderer.render();
    const ended = performance.now();
    if (stats.pendingTiles === 0 && this.fullyPaintedAt === null) this.fullyPaintedAt = ended;
    this.options.onFrame?.(stats, ended - started);
    return stats;
  }

  requestRender(): void {
    if (this.frameRequested || typeof requestAnimationFrame === 'undefined') return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      const stats = this.renderNow();
      if (stats.pendingTiles > 0) this.requestRender();
    });
  }

  /** Listens to pointer, wheel and key input on the canvas. */
  attach(): void {
    const on = <K extends keyof HTMLElementEventMap>(
      type: K,
      handler: (event: HTMLElementEventMap[K]) => void,
      passive = false,
    ) => {
      const listener = handler as EventListener;
      this.canvas.addEventListener(type, listener, { passive });
      this.listeners.push([type, listener]);
    };
    listenToPointers(this, this.canvas, this.options, on);
    listenToWheel(this, this.canvas, this.options, on);
    on('keydown', (event) => {
      if (this.options.onKey?.(event) || this.handleKey(event.key)) event.preventDefault();
    });
  }

  detach(): void {
    for (const [type, listener] of this.listeners) this.canvas.removeEventListener(type, listener);
    this.listeners.length = 0;
  }
}
