// Choosing seats at an event, for every door: the seat map with its price legend, seats by map, list or best
// available, standing places, live updates of what others take. What happens to the choice is the door's: the shop
// holds it and goes to checkout, the kiosk and counter hold it and take payment, an allotment reserves it.
// This file loads the event and shows the page's shape while it does; ChooserView.tsx is the page.
import type { EventDetail } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { Skeleton, Button } from '../../../ui/kit/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../shop-context.ts';
import { ChooserView } from './ChooserView.tsx';
import type { ChooserOptions, Loaded } from './chooser-types.ts';
import './seat-chooser.css';

function tierIndexes(event: EventDetail, seatCount: number): Uint8Array {
  const tierOf = new Uint8Array(seatCount);
  for (const [first, count, tier] of event.seatTiers) tierOf.fill(tier, first, first + count);
  return tierOf;
}

export default function SeatChooser({
  eventId,
  presaleCode,
  ...options
}: { eventId: string; /** Shows the tiers this presale code unlocks. */ presaleCode?: string } & ChooserOptions) {
  const { client } = useShop();
  const [state, retry] = useAsync<Loaded>(async () => {
    const event = await client.getEvent(eventId, presaleCode);
    const [map, availability] = await Promise.all([
      client.getSeatMap(event.seatmapId),
      client.getAvailability(eventId),
    ]);
    return { event, map, availability, tierOf: tierIndexes(event, map.seats.length) };
  }, [eventId, presaleCode]);

  if (state.status === 'loaded') return <ChooserView {...state.value} {...options} />;
  if (state.status === 'failed') return <LoadFailed error={state.error} retry={retry} />;
  return <ChooserSkeleton />;
}

/** The page's shape before its data: header, tools, map and panel as quiet blocks, announced as loading. */
function ChooserSkeleton() {
  const t = useT();
  return (
    <section className="seat-chooser chooser-loading" aria-busy="true">
      <div className="chooser-head">
        <Skeleton lines={2} label={t('event.page.loading')} />
      </div>
      <div className="chooser-tools">
        <Skeleton block="var(--target-min)" decorative />
      </div>
      <div className="chooser-stage">
        <Skeleton block="62vh" decorative className="skeleton-map" />
      </div>
      <div className="chooser-panel">
        <Skeleton lines={3} decorative />
      </div>
    </section>
  );
}

function LoadFailed({ error, retry }: { error: unknown; retry(): void }) {
  const t = useT();
  return (
    <ErrorMessage error={error}>
      <Button variant="secondary" onClick={retry}>
        {t('event.page.retry')}
      </Button>
    </ErrorMessage>
  );
}
