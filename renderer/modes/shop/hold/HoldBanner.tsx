// Where the hold banner is mounted (the shop's header): nothing, and nothing loaded, until this tab holds seats; then
// the banner itself (HeldSeatsBanner.tsx), fetched on demand so the events page's first load does not carry it.
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { holdStore } from '../browser-storage.ts';

const HeldSeatsBanner = lazy(() => import('./HeldSeatsBanner.tsx'));

export function HoldBanner() {
  const held = useSyncExternalStore(holdStore.subscribe, holdStore.raw, () => null) !== null;
  if (!held) return null;
  return (
    <Suspense fallback={null}>
      <HeldSeatsBanner />
    </Suspense>
  );
}
