// The designer's canvas: the shop's seat-map engine mounted once per map size, fed by the editor state. A click (or
// Enter on the focused seat) and a dragged rectangle go to the current tool; the wheel zooms and, in the pan tool,
// a drag pans. The engine is on the canvas for automation, as in the shop.
import { useEffect, useRef } from 'react';
import { SeatMapEngine } from '../../../seatmap/engine.ts';
import type { DesignState } from './design-state.ts';

export type CanvasTool = 'select' | 'paint' | 'pan';

export interface DesignCanvasProps {
  state: DesignState;
  tool: CanvasTool;
  /** A seat was clicked or chosen with Enter. */
  onSeat(seat: number): void;
  /** A rectangle was dragged out: the seats inside it. */
  onSeats(seats: number[]): void;
  /** Read by screen readers with the canvas: what is drawn, in words. */
  description: string;
}

export function DesignCanvas({ state, tool, onSeat, onSeats, description }: DesignCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const props = useRef({ tool, onSeat, onSeats });
  props.current = { tool, onSeat, onSeats };
  const { width, height } = state.map;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const engine = new SeatMapEngine(canvas, state.map, {
      dpr: window.devicePixelRatio || 1,
      onActivate: (seat) => props.current.onSeat(seat),
      dragSelects: () => props.current.tool !== 'pan',
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
    engine.attach();
    state.attach(engine);
    Object.defineProperty(canvas, 'seatMapEngine', { value: engine, configurable: true });
    const observer = new ResizeObserver(() => engine.resize(canvas.clientWidth, canvas.clientHeight));
    observer.observe(canvas);
    return () => {
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
      aria-label={`Seat map. ${description} Arrow keys move between seats, Enter ${tool === 'paint' ? 'paints' : 'selects'} the seat, + and - zoom.`}
    />
  );
}
