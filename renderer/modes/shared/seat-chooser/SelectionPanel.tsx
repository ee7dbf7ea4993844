// The choice so far, in plain words: each seat as "Section · Row · Seat · tier · price" (and its flags) with a button
// to take it out, the total, and the one button that goes on. With nothing chosen the button stays, disabled, and
// says why; seats the buyer already holds say they are held for them.
import type { EventDetail, SeatMap } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/kit/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { flagWords } from '../../../seatmap/seat-flags.ts';
import { sectionName } from './places-left.ts';

export function SelectionPanel({
  event,
  map,
  tierOf,
  selected,
  held,
  actionLabel,
  disabledReason,
  busy,
  onRemove,
  onAction,
}: {
  event: EventDetail;
  map: SeatMap;
  tierOf: Uint8Array;
  selected: number[];
  /** The choice is the buyer's live hold. */
  held: boolean;
  actionLabel: string;
  /** Why the action cannot be taken now (nothing chosen, paused), or null. */
  disabledReason: string | null;
  busy: boolean;
  onRemove(seat: number): void;
  onAction(): void;
}) {
  const t = useT();
  const total = selected.reduce((sum, seat) => sum + (event.tiers[tierOf[seat]!]?.price.amount ?? 0), 0);
  const reason = selected.length === 0 ? t('event.selection.nothing') : disabledReason;
  return (
    <section className="selection chooser-selection" aria-labelledby="selection-heading">
      <h2 id="selection-heading">{t('event.selection.heading')}</h2>
      {selected.length === 0 ? (
        <p className="selection-empty">{t('event.selection.empty')}</p>
      ) : (
        <>
          <p className="selection-count" aria-live="polite">
            {t('event.selection.count', {
              count: selected.length,
              total: formatMoney({ amount: total, currency: event.currency }),
            })}
          </p>
          {held && <p className="selection-held">{t('event.selection.heldNote')}</p>}
          <ul className="selection-lines">
            {selected.map((seat) => {
              const s = map.seats[seat]!;
              const tier = event.tiers[tierOf[seat]!];
              const line = t('event.selection.line', {
                section: sectionName(map, s.sectionId),
                row: s.row,
                seat: s.number,
                tier: tier?.name ?? '',
                price: tier ? formatMoney(tier.price) : '',
              });
              const flags = flagWords({ ...s, aisle: false });
              return (
                <li key={seat}>
                  <span className="selection-line">{[line, ...flags].join(', ')}</span>
                  <Button
                    variant="ghost"
                    className="selection-remove"
                    aria-label={t('event.selection.remove', { seat: line })}
                    onClick={() => onRemove(seat)}
                  >
                    <span aria-hidden="true">×</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="selection-action">
        <Button size="lg" busy={busy} {...(reason ? { disabledReason: reason } : {})} onClick={onAction}>
          {actionLabel}
        </Button>
      </div>
    </section>
  );
}
