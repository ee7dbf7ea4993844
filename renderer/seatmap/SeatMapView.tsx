// The React wrapper of the seat-map engine: mounts it on a canvas sized to its box (and the device pixel ratio),
// forwards clicks and keyboard focus, and hands the engine to the page for live changes. React never renders seats.
import { useEffect, useRef } from 'react';
import type { SeatMap } from '../../cloud/contract/index.ts';
import { SeatMapEngine } from './engine.ts';

export interface SeatMapViewProps {
  map: SeatMap;
  tierOf: Uint8Array;
  statuses: Uint8Array;
  selected: number[];
  tierColors: string[];
  label: string;
  onActivate(seat: number): void;
  onFocus(seat: number): void;
  onEngine?(engine: SeatMapEngine | null): void;
}

export function SeatMapView(props: SeatMapViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const engineRef = useRef<SeatMapEngine | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const engine = new SeatMapEngine(canvas, props.map, {
      dpr: window.devicePixelRatio || 1,
      onActivate: (seat) => callbacks.current.onActivate(seat),
      onFocus: (seat) => callbacks.current.onFocus(seat),
    });
    engine.renderer.palette = { ...engine.renderer.palette, tiers: props.tierColors };
    engine.setTiers(props.tierOf);
    engine.setStatuses(props.statuses);
    engine.attach();
    engineRef.current = engine;
    // For automation and debugging (end-to-end tests find seats on screen through it).
    Object.defineProperty(canvas, 'seatMapEngine', { value: engine, configurable: true });
    callbacks.current.onEngine?.(engine);
    const observer = new ResizeObserver(() => {
      engine.resize(canvas.clientWidth, canvas.clientHeight);
    });
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      engine.detach();
      engineRef.current = null;
      callbacks.current.onEngine?.(null);
    };
    // The engine is built once per seat map; statuses and selection flow in through the effects below.
  }, [props.map]);

  useEffect(() => {
    engineRef.current?.setStatuses(props.statuses);
  }, [props.statuses]);

  useEffect(() => {
    engineRef.current?.select(props.selected);
  }, [props.selected]);

  return (
    <canvas
      ref={canvasRef}
      className="seatmap"
      tabIndex={0}
      role="application"
      aria-roledescription="seat map"
      aria-label={props.label}
    />
  );
}
