// How long the kiosk keeps the buyer's seats, counting down on the pay step; in the last minute a warning says to
// pay now, and at zero that the seats went back on sale.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { formatCountdown } from '../../ui/format.ts';

/** From this much time left, the countdown warns. */
export const LAST_MINUTE_MS = 60_000;

export function useTimeLeft(expiresAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Date.parse(expiresAt) - now);
}

export function HoldCountdown({ left }: { left: number }) {
  const t = useT();
  const phase = left === 0 ? 'expired' : left <= LAST_MINUTE_MS ? 'warning' : 'running';
  return (
    <div className={`hold-countdown hold-countdown-${phase}`}>
      <p role="timer" aria-live="off">
        {phase === 'expired' ? t('kiosk.pay.expired') : t('kiosk.pay.heldFor', { time: formatCountdown(left) })}
      </p>
      {phase === 'warning' && (
        <p className="hold-countdown-warning" role="alert">
          {t('kiosk.pay.lastMinute')}
        </p>
      )}
    </div>
  );
}
