// Pieces the kiosk and the counter share: the venue's events as big buttons, what a hold contains, and money typed
// by a person read as minor units.
import type { CreatedHold, EventSummary } from '../../../cloud/contract/index.ts';
import { Pending, Empty } from '../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { fractionDigits } from '../../../cloud/domain/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from './device-context.ts';

export function VenueEvents({ onOpen, heading }: { onOpen(event: EventSummary): void; heading: string }) {
  const { client, status } = useDevice();
  const [state, retry] = useAsync(
    () => client.listEvents(status.venueId ? { venueId: status.venueId } : {}),
    [client, status.venueId],
  );
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="events" />;
  const events = state.value.filter((e) => e.status === 'on_sale');
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">{heading}</h2>
      {events.length === 0 ? (
        <Empty>Nothing is on sale here right now.</Empty>
      ) : (
        <ul className="event-buttons">
          {events.map((event) => (
            <li key={event.id}>
              <button type="button" onClick={() => onOpen(event)}>
                <strong>{event.name}</strong>
                <span>{formatDateTime(event.startsAt, event.venue.timezone)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HoldSummary({ hold }: { hold: CreatedHold }) {
  return (
    <ul className="hold-summary">
      {hold.seats.map((seat) => (
        <li key={seat.seatId}>
          Row {seat.row}, seat {seat.number} · {formatMoney(seat.price)}
        </li>
      ))}
      {hold.ga && (
        <li>
          {hold.ga.quantity} standing · {formatMoney(hold.ga.unitPrice)} each
        </li>
      )}
      <li className="total">
        Total <strong>{formatMoney(hold.total)}</strong>
      </li>
    </ul>
  );
}

/** "20", "20.5", "20,50" → minor units of the currency; null when it is not an amount, or has more decimals than
 * the currency has (¥1.5, €20.505): a typo, never silently rounded. */
export function parseAmount(text: string, currency: string): number | null {
  const normalized = text.trim().replace(',', '.');
  const digits = fractionDigits(currency);
  const match = /^(\d{1,7})(?:\.(\d*))?$/.exec(normalized);
  if (!match || (match[2] ?? '').length > digits) return null;
  return Number(match[1]! + (match[2] ?? '').padEnd(digits, '0'));
}
