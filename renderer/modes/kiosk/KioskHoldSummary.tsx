// What the buyer is paying for, at the top of the kiosk's pay step: the event, its date in the venue's time zone, the
// venue, and each held seat or standing place with its tier and price.
import type { CreatedHold, EventDetail } from '../../../cloud/contract/index.ts';
import { useT } from '../../i18n/index.ts';
import { formatDateTime, formatMoney } from '../../ui/format.ts';

export function KioskHoldSummary({ event, hold }: { event: EventDetail; hold: CreatedHold }) {
  const t = useT();
  const tierName = (tierId: string) => event.tiers.find((tier) => tier.id === tierId)?.name ?? '';
  return (
    <section className="kiosk-summary" aria-labelledby="kiosk-summary-title">
      <h2 id="kiosk-summary-title">{event.name}</h2>
      <p>
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time> ·{' '}
        {event.venue.name}, {event.venue.city}
      </p>
      <ul className="kiosk-summary-lines">
        {hold.seats.map((seat) => (
          <li key={seat.seatId}>
            {t('kiosk.pay.seatLine', { section: seat.sectionId, row: seat.row, seat: seat.number })} ·{' '}
            {tierName(seat.tierId)} · {formatMoney(seat.price)}
          </li>
        ))}
        {hold.ga && (
          <li>
            {t('kiosk.pay.standingLine', { count: hold.ga.quantity, section: hold.ga.sectionId })} ·{' '}
            {tierName(hold.ga.tierId)} · {formatMoney(hold.ga.unitPrice)}
          </li>
        )}
      </ul>
    </section>
  );
}
