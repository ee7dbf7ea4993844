// Pieces the kiosk and the counter share: the venue's events as big buttons, a failed load with a retry, and money
// typed by a person read as minor units.
import type { EventSummary } from '../../../cloud/contract/index.ts';
import { useT } from '../../i18n/index.ts';
import { Empty, ErrorMessage } from '../../ui/feedback.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Skeleton, Tile, Button } from '../../ui/kit/index.ts';
import { fractionDigits } from '../../../cloud/domain/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from './device-context.ts';

export function VenueEvents({ onOpen, heading }: { onOpen(event: EventSummary): void; heading: string }) {
  const { client, status } = useDevice();
  const t = useT();
  const [state, retry] = useAsync(
    () => client.listEvents(status.venueId ? { venueId: status.venueId } : {}),
    [client, status.venueId],
  );
  if (state.status === 'loading') return <Skeleton lines={4} label={t('kiosk.device.events.loading')} />;
  if (state.status === 'failed') return <DeviceRetry error={state.error} retry={retry} />;
  const events = state.value.filter((e) => e.status === 'on_sale');
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">{heading}</h2>
      {events.length === 0 ? (
        <Empty>{t('kiosk.device.events.none')}</Empty>
      ) : (
        <ul className="event-buttons">
          {events.map((event) => (
            <li key={event.id}>
              <Tile onClick={() => onOpen(event)}>
                <strong>{event.name}</strong>
                <span>{formatDateTime(event.startsAt, event.venue.timezone)}</span>
              </Tile>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A load that failed: the reason, and a way to try again, in the screen's language. */
export function DeviceRetry({ error, retry }: { error: unknown; retry(): void }) {
  const t = useT();
  return (
    <ErrorMessage error={error}>
      <Button variant="secondary" onClick={retry}>
        {t('kiosk.device.retry')}
      </Button>
    </ErrorMessage>
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
