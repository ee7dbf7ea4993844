// The Sell tab: an event, then seats (map, list, best available, standing), then payment at the counter, then the
// sale's outcome. Selling pauses offline; the allotment tab sells then.
import { useState } from 'react';
import type { CreatedHold, EventSummary } from '../../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../../preload/bridge.ts';
import { useDevice } from '../../device/device-context.ts';
import { VenueEvents } from '../../device/device-parts.tsx';
import SeatChooser from '../../shared/seat-chooser/SeatChooser.tsx';
import { CounterPayment } from './CounterPayment.tsx';

export function SellTab() {
  const { client, status } = useDevice();
  const [event, setEvent] = useState<EventSummary | null>(null);
  const [hold, setHold] = useState<CreatedHold | null>(null);
  const [sale, setSale] = useState<SaleResult | null>(null);
  const offline = status.sync.state === 'offline';
  const nextSale = () => {
    setHold(null);
    setSale(null);
  };
  if (sale) {
    return (
      <section className="sale-done" aria-labelledby="sale-heading">
        <h1 id="sale-heading">Sold: order {sale.order?.code}</h1>
        <p className="change" role="status">
          {sale.message}
        </p>
        <p>
          Printed {sale.printed.length} {sale.printed.length === 1 ? 'document' : 'documents'}.
        </p>
        <button type="button" className="primary" onClick={nextSale}>
          Next sale
        </button>
      </section>
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
  if (!event) return <VenueEvents heading="Sell tickets" onOpen={setEvent} />;
  return (
    <>
      <button type="button" onClick={() => setEvent(null)}>
        All events
      </button>
      <SeatChooser
        eventId={event.id}
        onChoose={async (request) => setHold(await client.createHold(event.id, request))}
        actionLabel={(n) => `Sell ${n === 1 ? 'this seat' : `these ${n} seats`}`}
        paused={offline ? 'Offline: sell from the allotment until the connection is back.' : null}
      />
    </>
  );
}
