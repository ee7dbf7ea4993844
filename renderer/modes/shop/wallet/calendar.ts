// The event as a calendar file (.ics), made with the `ics` library, loaded when the buyer asks for it: the start in
// UTC (the venue's zone named in the description, with the doors time), three hours long unless the end is known,
// and the venue's name, address and city as its location.
import type { Translate } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { venueLine, type WalletEvent } from './wallet-data.ts';

const DEFAULT_LENGTH_MS = 3 * 3_600_000;

export async function eventCalendarFile(
  t: Translate,
  event: WalletEvent & { endsAt?: string | null },
  orderCode: string,
  orderUrl: string,
): Promise<Blob> {
  const { createEvent } = await import('ics');
  const zone = event.venue.timezone;
  const start = Date.parse(event.startsAt);
  const end = event.endsAt ? Date.parse(event.endsAt) : start + DEFAULT_LENGTH_MS;
  const description = [
    t('wallet.calendar.starts', { when: formatDateTime(event.startsAt, zone), zone }),
    event.doorsAt ? t('wallet.calendar.doors', { when: formatDateTime(event.doorsAt, zone) }) : null,
    t('wallet.calendar.order', { code: orderCode }),
  ]
    .filter(Boolean)
    .join('\n');
  const { error, value } = createEvent({
    uid: `${event.id}-${orderCode}@ticketboss`,
    productId: 'ticketboss/wallet',
    title: event.name,
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
    location: venueLine(event.venue),
    description,
    url: orderUrl,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  });
  if (error || !value) throw error ?? new Error('no calendar file');
  return new Blob([value], { type: 'text/calendar;charset=utf-8' });
}
