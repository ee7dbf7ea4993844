// The seats as a list, section by section and row by row: the alternative to the map for screen readers and for
// anyone who prefers it; a flagged seat shows the map's mark and names its flags (label and tooltip). A section's rows
// are rendered only when it is opened (a stadium has 100,000 seats).
import { useState } from 'react';
import type { SeatMap } from '../../../../cloud/contract/index.ts';
import { STATUS } from '../../../seatmap/model.ts';
import { SEAT_FLAGS } from '../../../seatmap/seat-flags.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/kit/index.ts';

export function SeatList({
  map,
  statuses,
  selected,
  describe,
  onToggle,
}: {
  map: SeatMap;
  statuses: Uint8Array;
  selected: number[];
  describe(seat: number): string;
  onToggle(seat: number): void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const seated = map.sections.filter((s) => s.kind === 'seated');
  return (
    <div className="seat-list">
      {seated.map((section) => {
        const isOpen = open === section.id;
        return (
          <section key={section.id}>
            <h3>
              <Button variant="secondary" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : section.id)}>
                {section.name}
              </Button>
            </h3>
            {isOpen && (
              <Rows
                map={map}
                sectionId={section.id}
                statuses={statuses}
                selected={selected}
                describe={describe}
                onToggle={onToggle}
              />
            )}
          </section>
        );
      })}
    </div>
  );
}

function Rows({
  map,
  sectionId,
  statuses,
  selected,
  describe,
  onToggle,
}: {
  map: SeatMap;
  sectionId: string;
  statuses: Uint8Array;
  selected: number[];
  describe(seat: number): string;
  onToggle(seat: number): void;
}) {
  const t = useT();
  const rows = new Map<string, number[]>();
  map.seats.forEach((seat, index) => {
    if (seat.sectionId !== sectionId) return;
    const row = rows.get(seat.row) ?? [];
    row.push(index);
    rows.set(seat.row, row);
  });
  return (
    <ul className="rows">
      {[...rows].map(([row, seats]) => (
        <li key={row}>
          <span className="row-name">{t('event.list.row', { row })}</span>
          <ul className="seats" aria-label={t('event.list.row', { row })}>
            {seats.map((seat) => (
              <li key={seat}>
                <Button
                  variant="secondary"
                  aria-pressed={selected.includes(seat)}
                  aria-label={describe(seat)}
                  title={describe(seat)}
                  disabled={statuses[seat] !== STATUS.available && !selected.includes(seat)}
                  onClick={() => onToggle(seat)}
                >
                  {map.seats[seat]!.number}
                  {SEAT_FLAGS.filter(({ flag }) => map.seats[seat]![flag]).map(({ flag }) => (
                    <span key={flag} className={`swatch flag-mark flag-${flag}`} aria-hidden="true" />
                  ))}
                </Button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
