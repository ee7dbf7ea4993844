// The tab's held seats as a live value: the stored hold (re-read when it is set or cleared anywhere in the tab) and
// the time left on it, ticking once a second while there is one.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { holdStore, type StoredHold } from '../browser-storage.ts';

export function useStoredHold(): StoredHold | null {
  const raw = useSyncExternalStore(holdStore.subscribe, holdStore.raw, () => null);
  return useMemo(() => (raw ? holdStore.get() : null), [raw]);
}

/** Milliseconds left until `expiresAt` (0 once passed), re-rendering every second; null without a time. */
export function useTimeLeft(expiresAt: string | null | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  if (!expiresAt) return null;
  return Math.max(0, Date.parse(expiresAt) - now);
}

/** How many seats or standing places the hold keeps. */
export const placesHeld = (stored: StoredHold): number => stored.hold.seats.length + (stored.hold.ga?.quantity ?? 0);

export const WARNING_MS = 60_000;
