// The waiting room of a queued event (issue 20), shown instead of the seat map until the buyer is admitted: before
// the opening a countdown (a random place among everyone there when it opens), then the place, people ahead, an
// estimate and a progress bar, all updating by themselves. A live region says the place about once a minute (not at
// every poll). A presale code typed here is applied at admission. A join refused while the on-sale is busy counts down
// to its next try by itself, as the seat chooser's refused hold does (RetryCountdown), in the waiting room's words.
import { useEffect, useState } from 'react';
import type { EventDetail } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PromoCodeField } from '../../shared/basket/PromoCodeField.tsx';
import { useShop } from '../../shared/shop-context.ts';
import { Link } from '../router.tsx';
import { countdown, standing } from './queue-standing.ts';
import { useQueue, type Queue } from './use-queue.ts';
import './waiting-room.css';
import { Button } from '../../../ui/kit/index.ts';

const ANNOUNCE_EVERY_MS = 60_000;

export interface WaitingRoomProps {
  event: EventDetail;
  opensAt: string;
  /** The buyer came back from a refused admission (their time ran out). */
  returned: boolean;
  onAdmitted: () => void;
}

export default function WaitingRoom({ event, opensAt, returned, onAdmitted }: WaitingRoomProps) {
  const t = useT();
  const { session } = useShop();
  const queue = useQueue(event.id, session?.accessToken, onAdmitted);
  const state = queue.state;
  const beforeOpening = state ? !state.open : Date.parse(opensAt) > Date.now();
  const place = queue.pass.place ?? null;
  const where = state ? standing(state, place) : null;
  const placeWords =
    place !== null && where?.ahead != null
      ? `${t('queue.place', { place })}. ${t('queue.ahead', { count: where.ahead })}.`
      : '';
  const announcement = useEveryMinute(placeWords);

  return (
    <section className="waiting-room" aria-labelledby="waiting-room-title">
      <h1 id="waiting-room-title">{t('queue.title')}</h1>
      <p className="waiting-room-event">{event.name}</p>
      <p>{t('queue.intro')}</p>
      {returned && (
        <p className="waiting-room-note" role="alert">
          {t('queue.backInLine')}
        </p>
      )}
      {queue.phase === 'joining' && !queue.busy && (
        <p className="waiting-room-checking" role="status">
          {t('queue.checking')}
        </p>
      )}
      {queue.phase === 'joining' && queue.busy && <JoinBusy busy={queue.busy} onTryNow={queue.tryNow} />}
      {queue.phase === 'failed' && <JoinFailed queue={queue} />}
      {queue.phase !== 'joining' && queue.phase !== 'failed' && beforeOpening && (
        <BeforeOpening opensAt={state?.opensAt ?? opensAt} timeZone={event.venue.timezone} />
      )}
      {state?.soldOut && <p role="status">{t('queue.soldOut')}</p>}
      {!beforeOpening && !state?.soldOut && place !== null && where?.ahead != null && (
        <div className="waiting-room-standing">
          <p className="waiting-room-place">{t('queue.place', { place })}</p>
          <p>{t('queue.ahead', { count: where.ahead })}</p>
          <p>{where.minutes === null ? t('queue.estimateUnknown') : t('queue.estimate', { minutes: where.minutes })}</p>
          <progress className="waiting-room-progress" aria-label={t('queue.progress')} max={1} value={where.progress} />
        </div>
      )}
      {queue.phase === 'admitted' && <p role="status">{t('queue.admitting')}</p>}
      {queue.stale && <p className="waiting-room-note">{t('queue.stale')}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="waiting-room-presale">
        <PromoCodeField
          label={t('queue.presale.label')}
          applied={queue.pass.presaleCode ?? null}
          error={queue.codeError}
          onApply={queue.setPresaleCode}
        />
        <p className="waiting-room-hint">{t('queue.presale.hint')}</p>
      </div>
    </section>
  );
}

function BeforeOpening({ opensAt, timeZone }: { opensAt: string; timeZone: string }) {
  const t = useT();
  const now = useNow(1000);
  return (
    <div className="waiting-room-opening">
      <p>{t('queue.opensAt', { when: formatDateTime(opensAt, timeZone) })}</p>
      <p className="waiting-room-countdown" aria-hidden="true">
        {t('queue.countdown', { time: countdown(Date.parse(opensAt) - now) })}
      </p>
      <p>{t('queue.placeSoon')}</p>
    </div>
  );
}

/** A join refused as busy (or lost on the way), tried again by itself: why, the seconds left, and a way to try now. */
function JoinBusy({ busy, onTryNow }: { busy: NonNullable<Queue['busy']>; onTryNow: () => void }) {
  const t = useT();
  const now = useNow(250);
  return (
    <div className="waiting-room-busy">
      <p role="status">{t(busy.offline ? 'queue.busy.offline' : 'queue.busy.crowd')}</p>
      <p>{t('queue.busy.countdown', { seconds: Math.max(1, Math.ceil((busy.until - now) / 1000)) })}</p>
      <Button variant="secondary" onClick={onTryNow}>
        {t('queue.busy.now')}
      </Button>
    </div>
  );
}

function JoinFailed({ queue }: { queue: ReturnType<typeof useQueue> }) {
  const t = useT();
  const needsAccount = queue.joinError?.status === 401 || queue.joinError?.code === 'email_unverified';
  const retry = (
    <Button variant="secondary" onClick={queue.retryJoin}>
      {t('queue.retry')}
    </Button>
  );
  if (needsAccount)
    return (
      <div role="alert">
        <p>
          {t('queue.signIn')} <Link to="/signin">{t('shop.shell.signIn')}</Link>
        </p>
        {retry}
      </div>
    );
  // The refusal in the shown language (problemWords, by its type).
  return (
    <ErrorMessage error={queue.joinError}>
      <p>{t('queue.joinFailed')}</p>
      {retry}
    </ErrorMessage>
  );
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** `text` as a screen reader hears it: the first one at once, then at most one change a minute. */
function useEveryMinute(text: string): string {
  const [said, setSaid] = useState({ text: '', at: 0 });
  useEffect(() => {
    if (!text || text === said.text) return;
    const wait = said.text ? said.at + ANNOUNCE_EVERY_MS - Date.now() : 0;
    const timer = setTimeout(() => setSaid({ text, at: Date.now() }), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [text, said]);
  return said.text;
}
