// One order summary for every buying screen (checkout, declined, expired, confirmation, kiosk and box-office pay):
// the event, its date and doors in the venue's time zone, the venue, each place as "Section 120 · Row 6 · Seat 22 ·
// Lower Tier · £95.00", then fees, tax and the total from the cloud's price breakdown.
import type { Money, PriceBreakdown } from '../../../../cloud/contract/index.ts';
import { formattingLocale, useT } from '../../../i18n/index.ts';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import type { SummaryEvent, SummaryLine } from './summary-lines.ts';
import './summary.css';

export interface OrderSummaryProps {
  event: SummaryEvent;
  lines: readonly SummaryLine[];
  breakdown?: PriceBreakdown | null;
  /** The total when there is no breakdown yet (the hold's own total). */
  total?: Money | null;
  heading?: string;
  /** Tighter spacing, for the kiosk's and box office's side panels. */
  compact?: boolean;
}

const timeIn = (iso: string, timeZone: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

export function OrderSummary({ event, lines, breakdown, total, heading, compact }: OrderSummaryProps) {
  const t = useT();
  const { venue } = event;
  const money = (amount: number) => formatMoney({ amount, currency: breakdown!.currency });
  const shownTotal = breakdown ? money(breakdown.totals.total) : total ? formatMoney(total) : null;
  return (
    <section className={compact ? 'order-summary compact' : 'order-summary'} aria-labelledby="order-summary-heading">
      <h2 id="order-summary-heading">{heading ?? t('checkout.summary.heading')}</h2>
      <p className="summary-event">{event.name}</p>
      <dl className="summary-facts">
        <div>
          <dt>{t('checkout.summary.when')}</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, venue.timezone)}</time>
          </dd>
        </div>
        {event.doorsAt && (
          <div>
            <dt>{t('checkout.summary.doors')}</dt>
            <dd>
              <time dateTime={event.doorsAt}>{timeIn(event.doorsAt, venue.timezone, formattingLocale())}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('checkout.summary.where')}</dt>
          <dd>
            {t('checkout.summary.venue', { venue: venue.name, city: venue.city })}
            {venue.address && <span className="summary-address">{venue.address}</span>}
          </dd>
        </div>
      </dl>
      <ul className="summary-lines" aria-label={t('checkout.summary.tickets', { count: lines.length })}>
        {lines.map((line) => (
          <li key={line.key}>
            <span className="summary-place">
              {[line.place, line.tier, line.ticketType].filter(Boolean).join(' · ')}
            </span>
            <span className="summary-separator" aria-hidden="true">
              {' · '}
            </span>
            <span className="summary-price">{formatMoney(line.price)}</span>
          </li>
        ))}
      </ul>
      {breakdown && (
        <dl className="summary-totals">
          {breakdown.totals.discount > 0 && (
            <div>
              <dt>
                {breakdown.promoCode
                  ? t('checkout.summary.discountCode', { code: breakdown.promoCode })
                  : t('checkout.summary.discount')}
              </dt>
              <dd>−{money(breakdown.totals.discount)}</dd>
            </div>
          )}
          {breakdown.totals.fees > 0 && (
            <div>
              <dt>{t('checkout.summary.fees')}</dt>
              <dd>{money(breakdown.totals.fees)}</dd>
            </div>
          )}
          {breakdown.totals.tax > 0 && (
            <div>
              <dt>
                {breakdown.tax.mode === 'inclusive'
                  ? t('checkout.summary.taxIncluded', { label: breakdown.tax.label })
                  : breakdown.tax.label}
              </dt>
              <dd>{money(breakdown.totals.tax)}</dd>
            </div>
          )}
        </dl>
      )}
      {shownTotal !== null && (
        <p className="summary-total">
          <span>{t('checkout.summary.total')}</span> <strong>{shownTotal}</strong>
        </p>
      )}
    </section>
  );
}
