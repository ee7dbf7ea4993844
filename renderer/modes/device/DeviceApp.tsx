// The kiosk and box-office app: the machine's status from the main process (paired or not, its mode, the clerk, the
// sync light), polled so the screens follow the network by themselves, and the screens for what the machine is.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { DeviceStatus } from '../../../preload/bridge.ts';
import type { BridgeTicketingClient } from '../../client/bridge-client.ts';
import { Loading } from '../../ui/feedback.tsx';
import { ShopContext, type Shop } from '../shared/shop-context.ts';
import { DeviceContext } from './device-context.ts';
import { PairingPage } from './PairingPage.tsx';

const KioskApp = lazy(() => import('../kiosk/KioskApp.tsx'));
const BoxOfficeApp = lazy(() => import('../boxoffice/BoxOfficeApp.tsx'));

/** How often the screens ask the main process for the machine's status (the sync light, paused sales). */
export const STATUS_POLL_MS = 1000;

export default function DeviceApp({ client }: { client: BridgeTicketingClient }) {
  const [status, setStatus] = useState<DeviceStatus | null>(null);
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
  const shop = useMemo<Shop>(() => ({ client, session: null, setSession() {} }), [client]);
  const set = useCallback((next: DeviceStatus) => setStatus(next), []);
  if (!status) return <Loading what="this machine" />;
  return (
    <ShopContext.Provider value={shop}>
      <DeviceContext.Provider value={{ client, status, setStatus: set }}>
        <Suspense fallback={<Loading what="the screen" />}>
          {!status.registered ? <PairingPage /> : status.kind === 'kiosk' ? <KioskApp /> : <BoxOfficeApp />}
        </Suspense>
      </DeviceContext.Provider>
    </ShopContext.Provider>
  );
}
