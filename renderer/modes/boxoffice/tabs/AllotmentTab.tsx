// The Allotment tab: the seats kept for this counter, sold for cash even offline, and (online) reserving more.
import { useState } from 'react';
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { Empty, Pending } from '../../../ui/feedback.tsx';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { VenueEvents } from '../../device/device-parts.tsx';
import SeatChooser from '../../shared/seat-chooser/SeatChooser.tsx';
import { AllotmentSale } from './AllotmentSale.tsx';

export function AllotmentTab() {
  const { client, status } = useDevice();
  const [version, setVersion] = useState(0);
  const [state, retry] = useAsync(() => client.call('allotment:list', {}), [client, version]);
  const [reserving, setReserving] = useState<EventSummary | null>(null);
  const [lastSale, setLastSale] = useState<string | null>(null);
  const offline = status.sync.state === 'offline';
  if (reserving) {
    return (
      <>
        <button type="button" onClick={() => setReserving(null)}>
          Back to the allotment
        </button>
        <SeatChooser
          eventId={reserving.id}
          bestAvailable={false}
          standing={false}
          onChoose={async (request) => {
            if (!('seatIds' in request) || !request.seatIds) return;
            await client.call('allotment:create', { eventId: reserving.id, seatIds: request.seatIds });
            setReserving(null);
            setVersion((n) => n + 1);
          }}
          actionLabel={(n) => `Reserve ${n === 1 ? 'this seat' : `these ${n} seats`} for this counter`}
          paused={offline ? 'Reserving seats needs the connection.' : null}
        />
      </>
    );
  }
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="the allotment" />;
  return (
    <section aria-labelledby="allotment-heading">
      <h1 id="allotment-heading">This counter's allotment</h1>
      <p>
        Seats kept for this counter until sales end. They can be sold for cash even when the network is down; the sales
        sync when it is back.
      </p>
      {lastSale && (
        <p className="result" role="status">
          {lastSale}
        </p>
      )}
      {state.value.length === 0 && <Empty>No seats reserved yet.</Empty>}
      {state.value.map((allotment) => (
        <AllotmentSale
          key={allotment.allotmentId}
          allotment={allotment}
          onSold={(message) => {
            setLastSale(message);
            setVersion((n) => n + 1);
          }}
        />
      ))}
      {!offline && <VenueEvents heading="Reserve seats for this counter" onOpen={(event) => setReserving(event)} />}
    </section>
  );
}
