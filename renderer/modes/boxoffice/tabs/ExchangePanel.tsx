// An exchange at the counter, for the tickets chosen on the order: the event to change to (this venue's events, the
// same one for another seat), the new seats with the Sell tab's seat chooser, then the ticket types, the credit, the
// new total and the difference, paid or given back (ExchangePayment). The hold is let go if the clerk steps back.
import { useState } from 'react';
import type { CreatedHold, EventSummary, Order } from '../../../../cloud/contract/index.ts';
import type { ExchangeOutcome } from '../../../../preload/bridge.ts';
import { useT } from '../../../i18n/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { VenueEvents } from '../../device/device-parts.tsx';
import SeatChooser from '../../shared/seat-chooser/SeatChooser.tsx';
import { Waiting } from '../Waiting.tsx';
import { ExchangePayment } from './ExchangePayment.tsx';
import { Button } from '../../../ui/kit/index.ts';

interface ExchangePanelProps {
  order: Order;
  ticketIds: string[];
  onDone(outcome: ExchangeOutcome): void;
  onCancel(): void;
}

export function ExchangePanel({ order, ticketIds, onDone, onCancel }: ExchangePanelProps) {
  const t = useT();
  const { client } = useDevice();
  const [event, setEvent] = useState<EventSummary | null>(null);
  const [hold, setHold] = useState<CreatedHold | null>(null);
  const release = () => {
    if (hold) void client.releaseHold(hold.id, hold.token).catch(() => {});
    setHold(null);
  };
  return (
    <section className="exchange" aria-labelledby="exchange-heading">
      <h2 id="exchange-heading">{t('boxoffice.exchange.heading', { count: ticketIds.length, code: order.code })}</h2>
      {hold && event ? (
        <ExchangeDetails
          order={order}
          ticketIds={ticketIds}
          hold={hold}
          event={event}
          onDone={onDone}
          onBack={release}
        />
      ) : event ? (
        <>
          <Button variant="secondary" onClick={() => setEvent(null)}>
            {t('boxoffice.exchange.otherEvent')}
          </Button>
          <SeatChooser
            eventId={event.id}
            onChoose={async (request) => setHold(await client.createHold(event.id, request))}
            actionLabel={(count) => t('boxoffice.exchange.forSeats', { count })}
          />
        </>
      ) : (
        <VenueEvents heading={t('boxoffice.exchange.which')} onOpen={setEvent} />
      )}
      <p>
        <Button
          variant="secondary"
          onClick={() => {
            release();
            onCancel();
          }}
        >
          {t('boxoffice.exchange.cancel')}
        </Button>
      </p>
    </section>
  );
}

/** Loads the new event's ticket types and prices, then the money of the exchange. */
function ExchangeDetails(props: {
  order: Order;
  ticketIds: string[];
  hold: CreatedHold;
  event: EventSummary;
  onDone(outcome: ExchangeOutcome): void;
  onBack(): void;
}) {
  const { client } = useDevice();
  const [detail, retry] = useAsync(() => client.getEvent(props.event.id), [client, props.event.id]);
  if (detail.status !== 'loaded') return <Waiting state={detail} retry={retry} />;
  return <ExchangePayment {...props} prices={detail.value.prices} />;
}
