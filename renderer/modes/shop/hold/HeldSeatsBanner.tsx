// The banner on every shop page while this tab holds seats: "2 seats held · 7:12 left · Continue · Release". The
// countdown is read out only at the one-minute warning (never every second); there the buyer may ask once for more
// time (the API's extend), and hears the new time (a toast, since the countdown shows it too) or why not (in the
// banner, where it stays). Release asks first, then frees the seats at once.
// Gone when the hold ends (expired, released, or bought: the checkout clears it).
import { useEffect, useState } from 'react';
import { ApiError } from '../../../client/ticketing-client.ts';
import { useT } from '../../../i18n/index.ts';
import { formatCountdown } from '../../../ui/format.ts';
import { Button, buttonClass, ToastProvider, useToast } from '../../../ui/kit/index.ts';
import { useShop } from '../../shared/shop-context.ts';
import { holdStore } from '../browser-storage.ts';
import { useLocation } from '../location-context.ts';
import { Link, navigate } from '../router.tsx';
import { placesHeld, useStoredHold, useTimeLeft, WARNING_MS } from './use-hold.ts';
import './hold.css';

const REFUSALS: Record<string, string> = {
  hold_already_extended: 'checkout.hold.refusedOnce',
  hold_expired: 'checkout.hold.refusedExpired',
  hold_not_active: 'checkout.hold.refusedExpired',
};

// The shop's toasts are mounted with this banner, their only shop user so far: the provider at the shop's root would
// put it in the events page's first load (0.5 KB of the budget's last 1.1 KB). Toasts sit fixed at the screen's foot,
// so where they are mounted does not show; they last while the hold does, which is all they speak of.
export default function HeldSeatsBanner() {
  return (
    <ToastProvider>
      <HeldSeats />
    </ToastProvider>
  );
}

function HeldSeats() {
  const t = useT();
  const { client } = useShop();
  const { path } = useLocation();
  const stored = useStoredHold();
  const left = useTimeLeft(stored?.hold.expiresAt);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const toast = useToast();
  const holdId = stored?.hold.id;

  // The stored copy may be stale (released from another tab, bought, extended): ask the cloud once per hold.
  useEffect(() => {
    if (!stored) return;
    let current = true;
    client.getHold(stored.hold.id, stored.hold.token).then(
      (hold) => {
        if (!current) return;
        if (hold.status !== 'active') holdStore.clear();
        else if (hold.expiresAt !== stored.hold.expiresAt || hold.extended !== stored.hold.extended)
          holdStore.set({ ...stored, hold: { ...stored.hold, expiresAt: hold.expiresAt, extended: hold.extended } });
      },
      (error: unknown) => {
        if (current && error instanceof ApiError && error.status === 404) holdStore.clear();
      },
    );
    return () => {
      current = false;
    };
    // Once per hold: the stored value itself changes when this effect updates it.
  }, [client, holdId]);

  if (!stored || left === null || left <= 0) return null;
  const count = placesHeld(stored);
  const warning = left <= WARNING_MS;

  const release = async () => {
    setBusy(true);
    try {
      await client.releaseHold(stored.hold.id, stored.hold.token);
      holdStore.clear();
      setConfirming(false);
      if (path === '/checkout') navigate(`/events/${stored.eventId}`);
    } catch {
      setSaid(t('checkout.hold.releaseFailed'));
    } finally {
      setBusy(false);
    }
  };

  const extend = async () => {
    if (!client.extendHold) return;
    setBusy(true);
    try {
      const hold = await client.extendHold(stored.hold.id, stored.hold.token);
      holdStore.set({ ...stored, hold: { ...stored.hold, expiresAt: hold.expiresAt, extended: hold.extended } });
      // Done, and the countdown shows it: a toast confirms and goes. A refusal stays in the banner (it explains).
      setSaid(null);
      toast(t('checkout.hold.extended', { time: formatCountdown(Date.parse(hold.expiresAt) - Date.now()) }), {
        tone: 'success',
      });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      setSaid(t(REFUSALS[code] ?? 'checkout.hold.refused'));
      if (code === 'hold_already_extended') holdStore.set({ ...stored, hold: { ...stored.hold, extended: true } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className={warning ? 'hold-banner warning' : 'hold-banner'} aria-label={t('checkout.hold.label')}>
      <p className="hold-status">
        <span>{t('checkout.hold.held', { count })}</span>
        <span aria-hidden="true"> · </span>
        <span role="timer" aria-live="off" className="hold-left">
          {t('checkout.hold.left', { time: formatCountdown(left) })}
        </span>
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {warning ? t('checkout.hold.warning') : ''}
      </p>
      {confirming ? (
        <div className="hold-confirm" role="group" aria-label={t('checkout.hold.confirmLabel')}>
          <p>{t('checkout.hold.confirm', { count })}</p>
          <Button variant="danger" busy={busy} onClick={() => void release()}>
            {t('checkout.hold.confirmYes')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {t('checkout.hold.confirmNo')}
          </Button>
        </div>
      ) : (
        <div className="hold-actions">
          {warning && !stored.hold.extended && client.extendHold && (
            <Button variant="primary" busy={busy} onClick={() => void extend()}>
              {t('checkout.hold.moreTime')}
            </Button>
          )}
          {path !== '/checkout' && (
            <Link to="/checkout" className={buttonClass('primary')}>
              {t('checkout.hold.continue')}
            </Link>
          )}
          <Button variant="secondary" disabled={busy} onClick={() => setConfirming(true)}>
            {t('checkout.hold.release')}
          </Button>
        </div>
      )}
      <p className="hold-said" role="status">
        {said}
      </p>
    </aside>
  );
}
