// The Sell tab: an event, then best available at the top (digits, Enter) with the map below for picking seats, then
// payment at the counter, then the sale's outcome. Selling pauses offline; the allotment tab sells then.
import { useState } from 'react';
import type { CreatedHold, CreateHold, EventDetail, EventSummary } from '../../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../../preload/bridge.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { VenueEvents } from '../../device/device-parts.tsx';
import SeatChooser from '../../shared/seat-chooser/SeatChooser.tsx';
import { ShortcutHelp } from '../keys/ShortcutHelp.tsx';
import { Waiting } from '../Waiting.tsx';
import { CounterPayment } from './CounterPayment.tsx';
import { QuickSell } from './QuickSell.tsx';
import { SaleDone } from './SaleDone.tsx';
import { Button } from '../../../ui/kit/index.ts';

export function SellTab() {
  const t = useT();
  const { client } = useDevice();
  const [event, setEvent] = useState<EventSummary | null>(null);
  const [hold, setHold] = useState<CreatedHold | null>(null);
  const [sale, setSale] = useState<SaleResult | null>(null);
  if (sale) {
    return (
      <SaleDone
        sale={sale}
        onNext={() => {
          setHold(null);
          setSale(null);
        }}
      />
    );
  }
  if (hold && event) {
    return (
      <CounterPayment
        hold={hold}
        event={event}
        onSold={setSale}
        onCancel={() => {
          void client.releaseHold(hold.id, hold.token).catch(() => {});
          setHold(null);
        }}
      />
    );
  }
  if (!event) return <VenueEvents heading={t('boxoffice.sell.heading')} onOpen={setEvent} />;
  return (
    <EventSale
      event={event}
      onBack={() => setEvent(null)}
      onHold={async (request) => setHold(await client.createHold(event.id, request))}
    />
  );
}

function EventSale({
  event,
  onBack,
  onHold,
}: {
  event: EventSummary;
  onBack(): void;
  onHold(request: CreateHold): Promise<void>;
}) {
  const t = useT();
  const { client, status } = useDevice();
  const [detail, retry] = useAsync<EventDetail>(() => client.getEvent(event.id), [client, event.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const paused = status.sync.state === 'offline' ? t('boxoffice.sell.offline') : null;
  const holdBest = (request: CreateHold) => {
    setBusy(true);
    setError(null);
    onHold(request).catch((failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  };
  return (
    <div className="event-sale">
      <div className="sell-top">
        <Button variant="secondary" onClick={onBack} aria-keyshortcuts="Escape">
          {t('boxoffice.sell.allEvents')}
        </Button>
        <ShortcutHelp screen="sell" />
      </div>
      {detail.status === 'loaded' ? (
        <QuickSell event={detail.value} busy={busy} paused={paused} onHold={holdBest} onBack={onBack} />
      ) : (
        <Waiting state={detail} retry={retry} lines={2} />
      )}
      {error !== null && <ErrorMessage error={error} />}
      <SeatChooser
        eventId={event.id}
        bestAvailable={false}
        onChoose={onHold}
        actionLabel={(count) => t('boxoffice.sell.sellSeats', { count })}
        paused={paused}
      />
    </div>
  );
}
