// Where the hold banner is mounted (the shop's header): nothing, and nothing loaded, until this tab holds seats; then
// the banner itself (HeldSeatsBanner.tsx), fetched on demand so the events page's first load does not carry it.
import { Suspense, useSyncExternalStore } from 'react';
import { holdStore } from '../browser-storage.ts';
import { lazyWithWords } from '../../../i18n/index.ts';

const HeldSeatsBanner = lazyWithWords(['checkout'], () => import('./HeldSeatsBanner.tsx'));

export function HoldBanner() {
  const held = useSyncExternalStore(holdStore.subscribe, holdStore.raw, () => null) !== null;
  if (!held) return null;
  return (
    <Suspense fallback={null}>
      <HeldSeatsBanner />
    </Suspense>
  );
}
