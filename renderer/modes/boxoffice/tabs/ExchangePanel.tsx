// An exchange at the counter, for the tickets chosen on the order: the event to change to (this venue's events, the
// same one for another seat), the new seats with the Sell tab's seat chooser, then the ticket types, the credit, the
// new total and the difference, paid or given back (ExchangePayment). The hold is let go if the clerk steps back.
import { useState } from 'react';
import type { CreatedHold, EventSummary, Order } from '../../../../cloud/contract/index.ts';
import type { ExchangeOutcome } from '../../../../preload/bridge.ts';
import { Pending } from '../../../ui/feedback.tsx';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { VenueEvents } from '../../device/device-parts.tsx';
import SeatChooser from '../../shared/seat-chooser/SeatChooser.tsx';
import { ExchangePayment } from './ExchangePayment.tsx';

interface ExchangePanelProps {
  order: Order;
  ticketIds: string[];
  onDone(outcome: ExchangeOutcome): void;
  onCancel(): void;
}

export function ExchangePanel({ order, ticketIds, onDone, onCancel }: ExchangePanelProps) {
  const { client } = useDevice();
  const [event, setEvent] = useState<EventSummary | null>(null);
  const [hold, setHold] = useState<CreatedHold | null>(null);
  const release = () => {
    if (hold) void client.releaseHold(hold.id, hold.token).catch(() => {});
    setHold(null);
  };
  const count = ticketIds.length === 1 ? '1 ticket' : `${ticketIds.length} tickets`;
  return (
    <section className="exchange" aria-labelledby="exchange-heading">
      <h2 id="exchange-heading">
        Exchange {count} of order {order.code}
      </h2>
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
          <button type="button" onClick={() => setEvent(null)}>
            Other event
          </button>
          <SeatChooser
            eventId={event.id}
            onChoose={async (request) => setHold(await client.createHold(event.id, request))}
            actionLabel={(n) => `Exchange for ${n === 1 ? 'this seat' : `these ${n} seats`}`}
          />
        </>
      ) : (
        <VenueEvents heading="Exchange to which event?" onOpen={setEvent} />
      )}
      <p>
        <button
          type="button"
          onClick={() => {
            release();
            onCancel();
          }}
        >
          Cancel exchange
        </button>
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
  if (detail.status !== 'loaded') return <Pending state={detail} retry={retry} what="the ticket types" />;
  return <ExchangePayment {...props} prices={detail.value.prices} />;
}
