// The checkout after its hold ran out: what was held (the order summary), and "Choose seats again", which holds the
// same seats (or standing places) again when they are still free and goes on with the checkout (the buyer's details
// are kept), or says which seats are gone and returns to the map with the rest chosen.
import { useState } from 'react';
import type { EventDetail, Hold } from '../../../../cloud/contract/index.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { useT } from '../../../i18n/index.ts';
import { Banner, Button, buttonClass } from '../../../ui/kit/index.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { useShop } from '../../shared/shop-context.ts';
import { OrderSummary, seatPlace, summaryLinesOfHold, type SectionNames } from '../../shared/summary/index.ts';
import { holdStore } from '../browser-storage.ts';
import { Link } from '../router.tsx';

type Outcome = { kind: 'idle' } | { kind: 'gone'; seatIds: string[] } | { kind: 'failed'; message: string };

/** The event page with these seats chosen again (the chooser reads `select`). */
export const mapWith = (eventId: string, seatIds: readonly string[]) =>
  seatIds.length > 0 ? `/events/${eventId}?select=${seatIds.map(encodeURIComponent).join(',')}` : `/events/${eventId}`;

export function HoldExpired({
  event,
  hold,
  sections,
  presaleCode,
}: {
  event: EventDetail;
  hold: Hold;
  sections: SectionNames;
  presaleCode?: string;
}) {
  const t = useT();
  const { client } = useShop();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const seatIds = hold.seats.map((seat) => seat.seatId);

  const chooseAgain = async () => {
    setBusy(true);
    try {
      const request = hold.ga ? { ga: { sectionId: hold.ga.sectionId, quantity: hold.ga.quantity } } : { seatIds };
      const created = await client.createHold(event.id, presaleCode ? { ...request, presaleCode } : request);
      holdStore.set({ hold: created, eventId: event.id, ...(presaleCode ? { presaleCode } : {}) });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'seats_unavailable' && !hold.ga)
        setOutcome({ kind: 'gone', seatIds: failure.body.seatIds ?? seatIds });
      else setOutcome({ kind: 'failed', message: messageOf(failure) });
      setBusy(false);
    }
  };

  const gone = outcome.kind === 'gone' ? new Set(outcome.seatIds) : new Set<string>();
  const rest = seatIds.filter((id) => !gone.has(id));
  return (
    <section className="checkout checkout-ended">
      <h1>{t('checkout.expired.title')}</h1>
      <Banner tone="warn">
        <p>{t('checkout.expired.body')}</p>
      </Banner>
      {outcome.kind === 'gone' ? (
        <div className="checkout-next" role="alert">
          <p>{t('checkout.expired.gone', { count: gone.size })}</p>
          <ul>
            {hold.seats
              .filter((seat) => gone.has(seat.seatId))
              .map((seat) => (
                <li key={seat.seatId}>{seatPlace(seat, sections)}</li>
              ))}
          </ul>
          <Link to={mapWith(event.id, rest)} className={buttonClass('primary', 'lg')} onClick={() => holdStore.clear()}>
            {rest.length > 0
              ? t('checkout.expired.toMapWithRest', { count: rest.length })
              : t('checkout.expired.toMap')}
          </Link>
        </div>
      ) : (
        <div className="checkout-next">
          <Button variant="primary" size="lg" busy={busy} onClick={() => void chooseAgain()}>
            {t('checkout.expired.chooseAgain')}
          </Button>
          <Link to={`/events/${event.id}`} className={buttonClass('ghost')} onClick={() => holdStore.clear()}>
            {t('checkout.expired.other')}
          </Link>
          {outcome.kind === 'failed' && <p role="alert">{outcome.message}</p>}
        </div>
      )}
      <OrderSummary event={event} lines={summaryLinesOfHold(event, hold, sections)} total={hold.total} />
    </section>
  );
}
