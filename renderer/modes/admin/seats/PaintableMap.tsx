// The event's seat map, painted on: with "Paint seats" on, dragging over the map draws a rectangle and every seat in
// it joins the selection (with "Erase" on, leaves it); a click toggles one seat. Off, the map pans and zooms as in
// the shop. From the keyboard the map is the shop's: arrows move between seats, Enter or Space toggles the seat.
// The engine (renderer/seatmap) is used through its public parts only.
import { useRef, useState, type PointerEvent } from 'react';
import type { SeatMap } from '../../../../cloud/contract/index.ts';
import type { SeatMapEngine } from '../../../seatmap/engine.ts';
import { SeatMapView } from '../../../seatmap/SeatMapView.tsx';
import { paintInto, seatsInRectangle, type CanvasPoint } from './paint.ts';

export function PaintableMap({
  map,
  tierOf,
  statuses,
  tierColors,
  selected,
  onSelect,
  label,
}: {
  map: SeatMap;
  tierOf: Uint8Array;
  statuses: Uint8Array;
  tierColors: string[];
  selected: number[];
  onSelect(seats: number[]): void;
  label: string;
}) {
  const engine = useRef<SeatMapEngine | null>(null);
  const [painting, setPainting] = useState(true);
  const [erase, setErase] = useState(false);
  const [stroke, setStroke] = useState<{ from: CanvasPoint; to: CanvasPoint } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const toggle = (seat: number) => {
    if (seat < 0) return;
    const next = paintInto(selected, [seat], selected.includes(seat));
    onSelect(next);
    setAnnouncement(
      `${describe(map, seat)} ${next.includes(seat) ? 'selected' : 'not selected'}; ${next.length} selected`,
    );
  };
  const pointOf = (event: PointerEvent<HTMLDivElement>): CanvasPoint => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const finish = (event: PointerEvent<HTMLDivElement>) => {
    if (!stroke || !engine.current) return setStroke(null);
    const to = pointOf(event);
    setStroke(null);
    if (Math.hypot(to.x - stroke.from.x, to.y - stroke.from.y) < 4) {
      return toggle(engine.current.seatAt(to.x, to.y, event.pointerType === 'touch'));
    }
    const seats = seatsInRectangle(engine.current, stroke.from, to);
    const next = paintInto(selected, seats, erase);
    onSelect(next);
    setAnnouncement(
      `${seats.length} seats ${erase ? 'taken out of' : 'added to'} the selection; ${next.length} selected`,
    );
  };

  const box = stroke && {
    left: Math.min(stroke.from.x, stroke.to.x),
    top: Math.min(stroke.from.y, stroke.to.y),
    width: Math.abs(stroke.to.x - stroke.from.x),
    height: Math.abs(stroke.to.y - stroke.from.y),
  };
  return (
    <div className="seat-paint">
      <div className="seat-paint-tools" role="group" aria-label="Map tools">
        <label>
          <input type="checkbox" checked={painting} onChange={(event) => setPainting(event.target.checked)} /> Paint
          seats (drag over the map)
        </label>
        <label>
          <input type="checkbox" checked={erase} onChange={(event) => setErase(event.target.checked)} /> Erase (painting
          takes seats out)
        </label>
      </div>
      <div className="seat-paint-canvas">
        <SeatMapView
          map={map}
          tierOf={tierOf}
          statuses={statuses}
          selected={selected}
          tierColors={tierColors}
          label={label}
          onActivate={toggle}
          onFocus={(seat) => setAnnouncement(describe(map, seat))}
          onEngine={(made) => (engine.current = made)}
          wheel="zoom"
        />
        {painting && (
          <div
            className="seat-paint-layer"
            data-testid="seat-paint-layer"
            onPointerDown={(event) => {
              event.currentTarget.setPointerCapture?.(event.pointerId);
              const point = pointOf(event);
              setStroke({ from: point, to: point });
            }}
            onPointerMove={(event) => stroke && setStroke({ from: stroke.from, to: pointOf(event) })}
            onPointerUp={finish}
            onPointerCancel={() => setStroke(null)}
          >
            {box && <div className="seat-paint-rect" style={box} />}
          </div>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function describe(map: SeatMap, seat: number): string {
  const found = map.seats[seat];
  return found ? `Section ${found.sectionId}, row ${found.row}, seat ${found.number}` : '';
}
