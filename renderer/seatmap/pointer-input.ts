// The seat map's pointer input (mouse, pen, touch): a drag pans, two fingers pinch-zoom, a click or tap activates the
// seat under it (or zooms into the overview), a mouse resting on a seat or a finger held on one asks for its tooltip,
// and in the designer a drag draws a selection rectangle or moves the selection (drawn offset until the drop). The
// wheel zooms, or where the map sits in a page, only while the map has focus or Ctrl/⌘ is held (else the page
// scrolls). The gesture's state lives here; the engine hands over what it acts on.
import type { SeatMapRenderer } from './renderer.ts';
import type { Viewport } from './viewport.ts';

const DRAG_THRESHOLD_PX = 6;
/** A finger held this long on a seat shows its tooltip instead of choosing it. */
export const LONG_PRESS_MS = 500;

/** What a gesture acts on: the engine's renderer and camera, hit-testing, zoom and the next frame. */
export interface PointerTarget {
  readonly renderer: SeatMapRenderer;
  readonly viewport: Viewport;
  seatAt(cssX: number, cssY: number, touch?: boolean): number;
  zoomBy(factor: number, atX?: number, atY?: number): void;
  requestRender(): void;
}

/** The engine's options a gesture answers to (SeatMapEngineOptions has them all). */
export interface PointerOptions {
  /** A seat was clicked, tapped, or chosen with Enter/Space. */
  onActivate?: (seat: number) => void;
  /** The designer's select tool: while it answers true, a drag draws a rectangle instead of panning. */
  dragSelects?: () => boolean;
  /** A rectangle was dragged out (map units). */
  onSelectRect?: (box: { minX: number; minY: number; maxX: number; maxY: number }) => void;
  /** The designer's move tool: while it answers true, a drag moves the selection (drawn offset until the drop). */
  dragMoves?: () => boolean;
  /** The selection was dragged and dropped this far (map units). */
  onMove?: (dx: number, dy: number) => void;
  /** The seat a mouse rests on or a finger is held on (CSS pixels of the canvas), or -1 when none is any more. */
  onHover?: (seat: number, at: { x: number; y: number }, by: 'mouse' | 'touch') => void;
  /**
   * 'zoom' (the default; the designer): the wheel always zooms. 'focused' (a map in a page): the wheel zooms only
   * while the map has focus or Ctrl/⌘ is held; otherwise the page scrolls and onWheelPassed is told.
   */
  wheel?: 'zoom' | 'focused';
  onWheelPassed?: () => void;
}

type Listen = <K extends keyof HTMLElementEventMap>(type: K, handler: (event: HTMLElementEventMap[K]) => void) => void;

export function listenToPointers(
  engine: PointerTarget,
  canvas: HTMLCanvasElement,
  options: PointerOptions,
  on: Listen,
): void {
  const pointers = new Map<number, { x: number; y: number }>();
  let dragDistance = 0;
  let dragStart: { x: number; y: number } | null = null;
  let moveStart: { x: number; y: number } | null = null;
  let hovered = -1;
  let pressTimer: ReturnType<typeof setTimeout> | undefined;
  let longPressed = false;
  const hover = (seat: number, at: { x: number; y: number }, by: 'mouse' | 'touch') => {
    if (seat === hovered) return;
    hovered = seat;
    options.onHover?.(seat, at, by);
  };
  const cancelPress = () => clearTimeout(pressTimer);
  on('pointerdown', (event) => {
    cancelPress();
    longPressed = false;
    canvas.setPointerCapture?.(event.pointerId);
    pointers.set(event.pointerId, { x: event.offsetX, y: event.offsetY });
    if (pointers.size === 1) dragDistance = 0;
    const single = pointers.size === 1;
    moveStart =
      single && engine.renderer.selected.size > 0 && options.dragMoves?.()
        ? { x: event.offsetX, y: event.offsetY }
        : null;
    dragStart = single && !moveStart && options.dragSelects?.() ? { x: event.offsetX, y: event.offsetY } : null;
    if (single && event.pointerType === 'touch') {
      const at = { x: event.offsetX, y: event.offsetY };
      pressTimer = setTimeout(() => {
        const seat = engine.seatAt(at.x, at.y, true);
        if (seat < 0 || dragDistance >= DRAG_THRESHOLD_PX || pointers.size !== 1) return;
        longPressed = true;
        hover(seat, at, 'touch');
      }, LONG_PRESS_MS);
    } else if (!single) cancelPress();
  });
  on('pointermove', (event) => {
    const previous = pointers.get(event.pointerId);
    const current = { x: event.offsetX, y: event.offsetY };
    if (!previous) {
      if (event.pointerType === 'mouse') hover(engine.seatAt(current.x, current.y), current, 'mouse');
      return;
    }
    if (hovered >= 0 && !longPressed) hover(-1, current, 'mouse');
    if (pointers.size === 2) {
      // Pinch: zoom by the change of distance between the two fingers, about their midpoint.
      const other = [...pointers.entries()].find(([id]) => id !== event.pointerId)![1];
      const before = Math.hypot(previous.x - other.x, previous.y - other.y);
      const after = Math.hypot(current.x - other.x, current.y - other.y);
      if (before > 0) engine.viewport.zoomAt((current.x + other.x) / 2, (current.y + other.y) / 2, after / before);
      dragDistance += DRAG_THRESHOLD_PX;
    } else if (moveStart) {
      // Moving: only the selection's overlay is drawn offset; the model changes once, on the drop.
      const [x0, y0] = engine.viewport.toMap(moveStart.x, moveStart.y);
      const [x1, y1] = engine.viewport.toMap(current.x, current.y);
      engine.renderer.moveOffset = { dx: x1 - x0, dy: y1 - y0 };
      dragDistance += Math.hypot(current.x - previous.x, current.y - previous.y);
    } else if (dragStart) {
      const [x0, y0] = engine.viewport.toMap(dragStart.x, dragStart.y);
      const [x1, y1] = engine.viewport.toMap(current.x, current.y);
      engine.renderer.dragRect = {
        minX: Math.min(x0, x1),
        minY: Math.min(y0, y1),
        maxX: Math.max(x0, x1),
        maxY: Math.max(y0, y1),
      };
      dragDistance += Math.hypot(current.x - previous.x, current.y - previous.y);
    } else {
      engine.viewport.panBy(current.x - previous.x, current.y - previous.y);
      dragDistance += Math.hypot(current.x - previous.x, current.y - previous.y);
    }
    pointers.set(event.pointerId, current);
    engine.requestRender();
  });
  // A zoom moves the seat away from under the pointer: its tooltip goes until the pointer rests on a seat again.
  on('wheel', (event) => {
    if (hovered >= 0) hover(-1, { x: event.offsetX, y: event.offsetY }, 'mouse');
  });
  on('pointerleave', (event) => {
    if (event.pointerType === 'mouse') hover(-1, { x: event.offsetX, y: event.offsetY }, 'mouse');
  });
  const end = (event: PointerEvent) => {
    cancelPress();
    const wasOnly = pointers.size === 1 && pointers.has(event.pointerId);
    pointers.delete(event.pointerId);
    const rect = engine.renderer.dragRect;
    const moved = engine.renderer.moveOffset;
    engine.renderer.dragRect = null;
    engine.renderer.moveOffset = null;
    dragStart = null;
    moveStart = null;
    if (moved && event.type === 'pointerup' && dragDistance >= DRAG_THRESHOLD_PX) {
      options.onMove?.(moved.dx, moved.dy);
      engine.requestRender();
      return;
    }
    if (rect && event.type === 'pointerup' && dragDistance >= DRAG_THRESHOLD_PX) {
      options.onSelectRect?.(rect);
      engine.requestRender();
      return;
    }
    if (longPressed) {
      // The finger was held to read the tooltip, not to choose the seat; the tooltip stays until the next touch.
      longPressed = false;
      return;
    }
    if (hovered >= 0 && event.pointerType === 'touch') hover(-1, { x: event.offsetX, y: event.offsetY }, 'touch');
    if (event.type === 'pointerup' && wasOnly && dragDistance < DRAG_THRESHOLD_PX) {
      const seat = engine.seatAt(event.offsetX, event.offsetY, event.pointerType === 'touch');
      if (seat >= 0) {
        engine.renderer.focused = seat;
        options.onActivate?.(seat);
        engine.requestRender();
      } else if (!engine.renderer.seatLevel()) {
        // A tap on the overview zooms into that part of the house.
        engine.zoomBy(3, event.offsetX, event.offsetY);
      }
    }
  };
  on('pointerup', end);
  on('pointercancel', end);
}

/** What the wheel acts on: zoom about a point. */
export function listenToWheel(
  engine: Pick<PointerTarget, 'zoomBy'>,
  canvas: HTMLCanvasElement,
  options: PointerOptions,
  on: (type: 'wheel', handler: (event: WheelEvent) => void) => void,
): void {
  on('wheel', (event) => {
    const zooms =
      options.wheel !== 'focused' || event.ctrlKey || event.metaKey || canvas.ownerDocument.activeElement === canvas;
    if (!zooms) {
      options.onWheelPassed?.();
      return;
    }
    event.preventDefault();
    // A trackpad's pinch arrives as a wheel with Ctrl held and small steps: the same rate suits both.
    engine.zoomBy(Math.exp(-event.deltaY * 0.002), event.offsetX, event.offsetY);
  });
}
