// The hold's countdown: always visible, a warning when one minute is left (announced once), and onExpire when it
// has run out, for the page to explain.
import { useEffect, useRef, useState } from 'react';
import { formatCountdown } from '../../ui/format.ts';

export function HoldTimer({ expiresAt, onExpire }: { expiresAt: string; onExpire(): void }) {
  const [now, setNow] = useState(() => Date.now());
  const expired = useRef(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(expiresAt) - now;
  useEffect(() => {
    if (left <= 0 && !expired.current) {
      expired.current = true;
      onExpire();
    }
  }, [left, onExpire]);
  if (left <= 0) return null;
  const warning = left <= 60_000;
  return (
    <div className={warning ? 'hold-timer warning' : 'hold-timer'}>
      <span role="timer" aria-live="off">
        {warning ? 'Less than a minute left: ' : 'Your seats are held for '}
        <strong>{formatCountdown(left)}</strong>
      </span>
      {warning && (
        <span role="alert" className="visually-hidden">
          Less than a minute left to finish your purchase.
        </span>
      )}
    </div>
  );
}
