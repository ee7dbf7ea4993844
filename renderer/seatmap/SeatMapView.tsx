// The React wrapper of the seat-map engine: mounts it on a canvas sized to its box (and the device pixel ratio) in
// the page's theme (design tokens), forwards clicks and keyboard focus, and hands the engine to the page for live
// changes. Around the canvas: zoom and fit buttons, a seat's tooltip (hover, long-press, keyboard focus) and the hint
// that the wheel scrolls the page unless the map has focus or Ctrl/⌘ is held. With a viewKey the camera is kept
// for the tab and restored when the page comes back; focusSeats centres on given seats. React never renders seats.
import { useEffect, useId, useRef, useState } from 'react';
import type { Money, SeatMap } from '../../cloud/contract/index.ts';
import { useT } from '../i18n/index.ts';
import { SeatMapEngine } from './engine.ts';
import { followTheme } from './map-theme.ts';
import { MapControls, WheelHint } from './MapControls.tsx';
import { loadView, saveView } from './saved-view.ts';
import { SeatTooltip, type TooltipAt } from './SeatTooltip.tsx';
import './seatmap.css';

const HINT_MS = 1600;

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
  /** A seat's price (for its tooltip), or null when it has none to show. */
  priceOf?(seat: number): Money | null;
  /** Keeps the camera for the tab under this key (e.g. the event id) and restores it when the map is shown again. */
  viewKey?: string;
  /** Seats (indexes) to centre on when the map is shown or they change, e.g. the seats still held after Back. */
  focusSeats?: number[];
  /** 'page' (the default): the wheel scrolls the page unless the map has focus or Ctrl/⌘ is held. 'zoom': it zooms. */
  wheel?: 'page' | 'zoom';
  /** The zoom and fit buttons (default shown). */
  controls?: boolean;
}

export function SeatMapView(props: SeatMapViewProps) {
  const t = useT();
  const tooltipId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [engine, setEngine] = useState<SeatMapEngine | null>(null);
  const [tip, setTip] = useState<TooltipAt | null>(null);
  const [hint, setHint] = useState(false);
  const hintTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const callbacks = useRef(props);
  callbacks.current = props;
  // The statuses the engine was last given whole. A live change reaches the engine directly (applyChanges) and is not
  // in `props.statuses` until the next snapshot, so the engine is given them again only when they are new: giving the
  // same array again (once the engine state is set, one render after the engine was made) would undo such a change.
  const given = useRef<Uint8Array | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const made = new SeatMapEngine(canvas, props.map, {
      dpr: window.devicePixelRatio || 1,
      wheel: callbacks.current.wheel === 'zoom' ? 'zoom' : 'focused',
      onActivate: (seat) => callbacks.current.onActivate(seat),
      onFocus: (seat) => {
        setTip({ seat, ...made.screenOf(seat) });
        callbacks.current.onFocus(seat);
      },
      onHover: (seat, at) => setTip(seat >= 0 ? { seat, ...at } : null),
      onWheelPassed: () => {
        setHint(true);
        clearTimeout(hintTimer.current);
        hintTimer.current = setTimeout(() => setHint(false), HINT_MS);
      },
    });
    made.setTiers(props.tierOf);
    made.setStatuses(props.statuses);
    given.current = props.statuses;
    made.select(callbacks.current.selected);
    const stopTheme = followTheme(canvas, made, () => callbacks.current.tierColors);
    const viewKey = callbacks.current.viewKey;
    const saved = viewKey ? loadView(viewKey) : null;
    if (saved) made.restoreView(saved);
    made.attach();
    // For automation and debugging (end-to-end tests find seats on screen through it).
    Object.defineProperty(canvas, 'seatMapEngine', { value: made, configurable: true });
    setEngine(made);
    callbacks.current.onEngine?.(made);
    const observer = new ResizeObserver(() => made.resize(canvas.clientWidth, canvas.clientHeight));
    observer.observe(canvas);
    const keep = () => viewKey && saveView(viewKey, made.savedView());
    window.addEventListener('pagehide', keep);
    return () => {
      keep();
      window.removeEventListener('pagehide', keep);
      clearTimeout(hintTimer.current);
      observer.disconnect();
      stopTheme();
      made.detach();
      setEngine(null);
      setTip(null);
      callbacks.current.onEngine?.(null);
    };
    // The engine is built once per seat map; statuses and selection flow in through the effects below.
  }, [props.map]);

  useEffect(() => {
    if (!engine || given.current === props.statuses) return;
    given.current = props.statuses;
    engine.setStatuses(props.statuses);
  }, [engine, props.statuses]);

  useEffect(() => {
    engine?.select(props.selected);
  }, [engine, props.selected]);

  const focusKey = props.focusSeats?.join(',') ?? '';
  useEffect(() => {
    if (engine && props.focusSeats && props.focusSeats.length > 0) engine.showSeats(props.focusSeats);
  }, [engine, focusKey]);

  const rtl = canvasRef.current ? getComputedStyle(canvasRef.current).direction === 'rtl' : false;
  const showControls = props.controls ?? true;
  return (
    <div className="seatmap-frame">
      <canvas
        ref={canvasRef}
        className="seatmap"
        tabIndex={0}
        role="application"
        aria-roledescription={t('seatmap.map.roleDescription')}
        aria-label={props.label}
        aria-describedby={tip ? tooltipId : undefined}
        onKeyDown={(event) => event.key === 'Escape' && setTip(null)}
        onBlur={() => setTip(null)}
      />
      {showControls && engine && (
        <MapControls
          onZoom={(factor) => {
            setTip(null);
            engine.zoomBy(factor);
          }}
          onFit={() => {
            setTip(null);
            engine.fit();
          }}
        />
      )}
      {tip && engine && (
        <SeatTooltip
          id={tooltipId}
          engine={engine}
          at={tip}
          selected={props.selected.includes(tip.seat)}
          rtl={rtl}
          {...(props.priceOf ? { priceOf: props.priceOf } : {})}
        />
      )}
      <WheelHint visible={hint} />
    </div>
  );
}
