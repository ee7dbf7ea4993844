// The kiosk's buying screen: how many tickets (a stepper) and which price (tier tiles with price and what is left)
// come first, and "Find seats together" holds the best seats there are; the seat map is the second way, behind
// "Pick seats on the map" (the shared seat chooser). Offline, choosing is paused and says why.
import { useState, type CSSProperties } from 'react';
import type { Availability, CreateHold, EventDetail, EventSummary } from '../../../cloud/contract/index.ts';
import { useT } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { Button, Skeleton, Stepper, Tile } from '../../ui/kit/index.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from '../device/device-context.ts';
import { DeviceRetry } from '../device/device-parts.tsx';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';

interface KioskBuyProps {
  event: EventSummary;
  offline: boolean;
  onHold(request: CreateHold): Promise<void>;
}

export function KioskBuy(props: KioskBuyProps) {
  const { client } = useDevice();
  const t = useT();
  const [state, retry] = useAsync(
    // One after the other, as the seat chooser asks: offline on a fresh cache connection (bench:kiosk) the two at
    // once failed with the main process's generic error.
    async () => [await client.getEvent(props.event.id), await client.getAvailability(props.event.id)] as const,
    [client, props.event.id],
  );
  const [view, setView] = useState<'tiers' | 'map'>('tiers');
  const paused = props.offline ? t('kiosk.buy.paused') : null;
  if (view === 'map') {
    return (
      <section className="kiosk-map">
        <Button variant="secondary" className="kiosk-back" onClick={() => setView('tiers')}>
          {t('kiosk.buy.backToTiers')}
        </Button>
        <SeatChooser
          eventId={props.event.id}
          onChoose={props.onHold}
          actionLabel={(count) => t('kiosk.buy.buySeats', { count })}
          paused={paused}
          bestAvailable={false}
        />
      </section>
    );
  }
  if (state.status === 'loading')
    return <Skeleton block="calc(var(--target-touch) * 4)" label={t('kiosk.buy.loading')} />;
  if (state.status === 'failed') return <DeviceRetry error={state.error} retry={retry} />;
  const [event, availability] = state.value;
  return (
    <TierChoice {...props} event={event} availability={availability} paused={paused} onMap={() => setView('map')} />
  );
}

function TierChoice({
  event,
  availability,
  paused,
  onHold,
  onMap,
}: KioskBuyProps & { event: EventDetail; availability: Availability; paused: string | null; onMap(): void }) {
  const t = useT();
  const [quantity, setQuantity] = useState(Math.min(2, event.perOrderLimit));
  const [tierId, setTierId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const left = (id: string) => availability.tiers.find((tier) => tier.tierId === id)?.available ?? 0;
  const tiers = event.tiers.filter((tier) => availability.tiers.some((counts) => counts.tierId === tier.id));
  const cheapest = tiers.reduce<(typeof tiers)[number] | null>(
    (best, tier) => (left(tier.id) > 0 && (!best || tier.price.amount < best.price.amount) ? tier : best),
    null,
  );
  const tooFew = tierId !== null && left(tierId) < quantity;

  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      await onHold({ bestAvailable: { quantity, ...(tierId ? { tierId } : {}) } });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <section className="kiosk-buy" aria-labelledby="kiosk-buy-title">
      <header className="kiosk-buy-event">
        <h1 id="kiosk-buy-title">{event.name}</h1>
        <p>
          <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time> ·{' '}
          {event.venue.name}, {event.venue.city}
        </p>
      </header>
      <Stepper
        size="touch"
        className="kiosk-stepper"
        label={t('kiosk.buy.quantity')}
        value={quantity}
        min={1}
        max={event.perOrderLimit}
        onChange={setQuantity}
      />
      <fieldset className="tier-tiles">
        <legend>{t('kiosk.buy.tiers')}</legend>
        <Tile className="tier-tile" pressed={tierId === null} onClick={() => setTierId(null)}>
          <strong>{t('kiosk.buy.bestTier')}</strong>
          {cheapest && <span>{t('kiosk.buy.from', { price: formatMoney(cheapest.price) })}</span>}
        </Tile>
        {tiers.map((tier) => (
          <Tile
            key={tier.id}
            className="tier-tile"
            style={{ '--tier': tier.color } as CSSProperties}
            pressed={tierId === tier.id}
            disabled={left(tier.id) === 0}
            onClick={() => setTierId(tier.id)}
          >
            <strong>{tier.name}</strong>
            <span>{formatMoney(tier.price)}</span>
            <span className="tier-left">
              {left(tier.id) === 0 ? t('kiosk.buy.soldOut') : t('kiosk.buy.left', { count: left(tier.id) })}
            </span>
          </Tile>
        ))}
      </fieldset>
      {paused && (
        <p className="notice paused" role="status">
          {paused}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="kiosk-buy-actions">
        <Button
          size="touch"
          busy={busy}
          disabledReason={
            paused !== null
              ? t('kiosk.buy.pausedShort')
              : tooFew
                ? t('kiosk.buy.tooFew', { count: left(tierId ?? '') })
                : undefined
          }
          onClick={() => void find()}
        >
          {t('kiosk.buy.find')}
        </Button>
        <Button size="touch" variant="secondary" onClick={onMap}>
          {t('kiosk.buy.pickOnMap')}
        </Button>
      </div>
    </section>
  );
}
