// The designer's canvas: the shop's seat-map engine mounted once per map size, fed by the editor state. A click (or
// Enter on the focused seat) and a dragged rectangle go to the current tool; the wheel zooms and, in the pan tool,
// a drag pans. In the move tool a drag (mouse or touch) moves the selection, and so do the arrow keys (Shift: ten
// times further): the engine draws the selection offset while it moves and the map changes once, on the drop or
// when the key is let go. The engine is on the canvas for automation, as in the shop.
import { useEffect, useRef } from 'react';
import { SeatMapEngine } from '../../../seatmap/engine.ts';
import type { DesignState } from './design-state.ts';

export type CanvasTool = 'select' | 'paint' | 'move' | 'pan';

/** Map units an arrow key moves the selection (Shift: ten times as far). */
export const KEY_STEP = 1;
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export interface DesignCanvasProps {
  state: DesignState;
  tool: CanvasTool;
  /** A seat was clicked or chosen with Enter. */
  onSeat(seat: number): void;
  /** A rectangle was dragged out: the seats inside it. */
  onSeats(seats: number[]): void;
  /** The selection was moved (dropped, or its arrow key let go) this far, in map units. */
  onMove(dx: number, dy: number): void;
  /** Read by screen readers with the canvas: what is drawn, in words. */
  description: string;
}

export function DesignCanvas({ state, tool, onSeat, onSeats, onMove, description }: DesignCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const props = useRef({ tool, onSeat, onSeats, onMove });
  props.current = { tool, onSeat, onSeats, onMove };
  const { width, height } = state.map;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const engine = new SeatMapEngine(canvas, state.map, {
      dpr: window.devicePixelRatio || 1,
      onActivate: (seat) => props.current.onSeat(seat),
      dragSelects: () => props.current.tool !== 'pan',
      dragMoves: () => props.current.tool === 'move',
      onMove: (dx, dy) => props.current.onMove(dx, dy),
      onKey: (event) => {
        const arrow = ARROWS[event.key];
        if (!arrow || props.current.tool !== 'move' || state.selected.size === 0) return false;
        const step = event.shiftKey ? KEY_STEP * 10 : KEY_STEP;
        keyMove = { dx: (keyMove?.dx ?? 0) + arrow[0] * step, dy: (keyMove?.dy ?? 0) + arrow[1] * step };
        engine.previewMove(keyMove);
        return true;
      },
      onSelectRect: (box) => {
        const seats: number[] = [];
        engine.grid.forEachInRect(box.minX, box.minY, box.maxX, box.maxY, (seat) => {
          const x = engine.model.x[seat]!;
          const y = engine.model.y[seat]!;
          if (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY) seats.push(seat);
        });
        props.current.onSeats(seats);
      },
    });
    // Arrow keys held down add up in the preview; letting go moves the selection once (one undo step).
    let keyMove: { dx: number; dy: number } | null = null;
    const keyUp = (event: KeyboardEvent) => {
      if (!keyMove || !ARROWS[event.key]) return;
      const { dx, dy } = keyMove;
      keyMove = null;
      engine.previewMove(null);
      props.current.onMove(dx, dy);
    };
    canvas.addEventListener('keyup', keyUp);
    engine.attach();
    state.attach(engine);
    Object.defineProperty(canvas, 'seatMapEngine', { value: engine, configurable: true });
    const observer = new ResizeObserver(() => engine.resize(canvas.clientWidth, canvas.clientHeight));
    observer.observe(canvas);
    return () => {
      canvas.removeEventListener('keyup', keyUp);
      observer.disconnect();
      engine.detach();
      state.attach(null);
    };
    // One engine per map size; every other change flows through the state's incremental updates.
  }, [state, width, height]);

  return (
    <canvas
      ref={canvasRef}
      className="seatmap designer-canvas"
      tabIndex={0}
      role="application"
      aria-roledescription="seat map designer"
      aria-label={`Seat map. ${description} Arrow keys move between seats, Enter ${tool === 'paint' ? 'paints' : 'selects'} the seat, + and - zoom.${tool === 'move' ? ' With seats selected, arrow keys move them (Shift: further).' : ''}`}
    />
  );
}
