// What the buyer can do with the tickets: save them as the PDF the email attaches, add the event to a calendar,
// find the way to the venue, print this page (one ticket a sheet). Each button says what it gives.
import { useState } from 'react';
import type { Order } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { useShop } from '../../shared/shop-context.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { Button, LinkButton } from '../../../ui/kit/index.ts';
import { eventCalendarFile } from './calendar.ts';
import { directionsUrl } from './directions.ts';
import { saveFile } from './download.ts';
import type { EventFacts } from './wallet-data.ts';

type Busy = 'pdf' | 'calendar' | null;

export function WalletActions({ order, facts, token }: { order: Order; facts: EventFacts; token?: string }) {
  const t = useT();
  const { client } = useShop();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const valid = order.tickets.filter((ticket) => ticket.status === 'valid').length;
  const { event } = facts;

  const run = async (what: Exclude<Busy, null>, make: () => Promise<[Blob, string]>) => {
    setBusy(what);
    setError(null);
    try {
      saveFile(...(await make()));
    } catch (failure) {
      setError(what === 'pdf' ? messageOf(failure) || t('wallet.actions.pdfFailed') : t('wallet.actions.icsFailed'));
    } finally {
      setBusy(null);
    }
  };
  const downloadPdf = () =>
    run('pdf', async () => [await client.ticketsPdf!(order.id, token), `tickets-${order.code}.pdf`]);
  const addToCalendar = () =>
    run('calendar', async () => [
      await eventCalendarFile(t, event, order.code, `${location.origin}/orders/${order.id}`),
      `${order.code}.ics`,
    ]);

  return (
    <div className="wallet-actions">
      {valid > 0 && client.ticketsPdf && (
        <Button variant="primary" onClick={downloadPdf} busy={busy === 'pdf'}>
          {t('wallet.actions.pdf', { count: valid })}
        </Button>
      )}
      <Button variant="secondary" onClick={addToCalendar} busy={busy === 'calendar'}>
        {t('wallet.actions.calendar')}
      </Button>
      <LinkButton variant="secondary" href={directionsUrl(event.venue)} target="_blank" rel="noopener noreferrer">
        {t('wallet.actions.directions', { venue: event.venue.name })}
      </LinkButton>
      {valid > 0 && (
        <Button variant="ghost" onClick={() => window.print()}>
          {t('wallet.actions.print')}
        </Button>
      )}
      {error && (
        <p role="alert" className="wallet-actions-error">
          {error}
        </p>
      )}
    </div>
  );
}
