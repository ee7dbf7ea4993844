// The kiosk and box-office app: the machine's status from the main process (paired or not, its mode, the clerk, the
// sync light), polled so the screens follow the network by themselves, and the screens for what the machine is. The
// mode's words (its i18n area) are loaded before its first screen renders, so no screen shows half its words.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { DeviceStatus } from '../../../preload/bridge.ts';
import type { BridgeTicketingClient } from '../../client/bridge-client.ts';
import { addAreas, type Area } from '../../i18n/index.ts';
import { Skeleton } from '../../ui/kit/index.ts';
import { ShopContext, type Shop } from '../shared/shop-context.ts';
import { DeviceContext } from './device-context.ts';
import { PairingPage } from './PairingPage.tsx';

const KioskApp = lazy(() => import('../kiosk/KioskApp.tsx'));
const BoxOfficeApp = lazy(() => import('../boxoffice/BoxOfficeApp.tsx'));

/** How often the screens ask the main process for the machine's status (the sync light, paused sales). */
export const STATUS_POLL_MS = 1000;

/** The catalog areas a machine of this kind shows: the device's shared words (pairing, sync light, event buttons)
 * live in the kiosk area, so every machine loads it; a box office adds its own. */
export function deviceAreas(kind: DeviceStatus['kind']): Area[] {
  // Both machines sell through the shared seat chooser, basket and order summary, so their words come too.
  const shared: Area[] = ['errors', 'event', 'seatmap', 'basket', 'checkout', 'kiosk'];
  return kind === 'boxoffice' ? [...shared, 'boxoffice', 'shift'] : shared;
}

export default function DeviceApp({ client }: { client: BridgeTicketingClient }) {
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [wordsFor, setWordsFor] = useState<DeviceStatus['kind'] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const tick = () =>
      client.call('device:status', {}).then(
        (next) => live && setStatus(next),
        () => {},
      );
    void tick();
    const timer = setInterval(tick, STATUS_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);
  const kind = status?.kind;
  useEffect(() => {
    if (kind === undefined) return;
    let live = true;
    // A failed load keeps the words already there (English at least): better than no screen.
    void addAreas(deviceAreas(kind))
      .catch(() => {})
      .then(() => live && setWordsFor(kind));
    return () => {
      live = false;
    };
  }, [kind]);
  const shop = useMemo<Shop>(() => ({ client, session: null, setSession() {} }), [client]);
  const set = useCallback((next: DeviceStatus) => setStatus(next), []);
  if (!status || wordsFor !== status.kind) return <Skeleton block />;
  return (
    <ShopContext.Provider value={shop}>
      <DeviceContext.Provider value={{ client, status, setStatus: set }}>
        <Suspense fallback={<Skeleton block />}>
          {!status.registered ? <PairingPage /> : status.kind === 'kiosk' ? <KioskApp /> : <BoxOfficeApp />}
        </Suspense>
      </DeviceContext.Provider>
    </ShopContext.Provider>
  );
}
