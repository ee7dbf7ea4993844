// The Allotment tab: the seats kept for this counter, sold for cash even offline, and (online) reserving more.
import { useState } from 'react';
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Empty } from '../../../ui/feedback.tsx';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { VenueEvents } from '../../device/device-parts.tsx';
import SeatChooser from '../../shared/seat-chooser/SeatChooser.tsx';
import { Waiting } from '../Waiting.tsx';
import { AllotmentSale } from './AllotmentSale.tsx';
import { Button } from '../../../ui/kit/index.ts';

export function AllotmentTab() {
  const t = useT();
  const { client, status } = useDevice();
  const [version, setVersion] = useState(0);
  const [state, retry] = useAsync(() => client.call('allotment:list', {}), [client, version]);
  const [reserving, setReserving] = useState<EventSummary | null>(null);
  const [lastSale, setLastSale] = useState<string | null>(null);
  const offline = status.sync.state === 'offline';
  if (reserving) {
    return (
      <>
        <Button variant="secondary" onClick={() => setReserving(null)}>
          {t('boxoffice.allotment.back')}
        </Button>
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
          actionLabel={(count) => t('boxoffice.allotment.reserveSeats', { count })}
          paused={offline ? t('boxoffice.allotment.needsConnection') : null}
        />
      </>
    );
  }
  if (state.status !== 'loaded') return <Waiting state={state} retry={retry} />;
  return (
    <section aria-labelledby="allotment-heading">
      <h1 id="allotment-heading">{t('boxoffice.allotment.heading')}</h1>
      <p>{t('boxoffice.allotment.intro')}</p>
      {lastSale && (
        <p className="result" role="status">
          {lastSale}
        </p>
      )}
      {state.value.length === 0 && <Empty>{t('boxoffice.allotment.none')}</Empty>}
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
      {!offline && (
        <VenueEvents heading={t('boxoffice.allotment.reserveHeading')} onOpen={(event) => setReserving(event)} />
      )}
    </section>
  );
}
