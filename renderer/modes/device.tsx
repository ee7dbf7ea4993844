// The kiosk and box-office app: the machine's status from the main process (paired or not, its mode, the clerk, the
// sync light), polled so the screens follow the network by themselves, and the screens for what the machine is.
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { DeviceStatus } from '../../preload/bridge.ts';
import { ShopContext, type Shop } from '../app/App.tsx';
import { ErrorMessage, Loading } from '../app/feedback.tsx';
import type { BridgeTicketingClient } from '../client/bridge-client.ts';

const KioskApp = lazy(() => import('./kiosk/KioskApp.tsx'));
const BoxOfficeApp = lazy(() => import('./boxoffice/BoxOfficeApp.tsx'));

export interface DeviceContextValue {
  client: BridgeTicketingClient;
  status: DeviceStatus;
  setStatus(status: DeviceStatus): void;
}

const DeviceContext = createContext<DeviceContextValue | null>(null);

export function useDevice(): DeviceContextValue {
  const device = useContext(DeviceContext);
  if (!device) throw new Error('useDevice outside the device app');
  return device;
}

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

/** The sync light: online, offline (with what waits), or syncing. */
export function SyncIndicator() {
  const { status } = useDevice();
  const { state, pending } = status.sync;
  const words =
    state === 'offline'
      ? `Offline${pending > 0 ? ` · ${pending} waiting to sync` : ''}`
      : state === 'syncing'
        ? `Syncing ${pending} ${pending === 1 ? 'change' : 'changes'}`
        : `Online${pending > 0 ? ` · ${pending} waiting to sync` : ''}`;
  return (
    <span className={`sync-indicator sync-${state}`} role="status" aria-label={`Connection: ${words}`}>
      <span className="sync-dot" aria-hidden="true" /> {words}
    </span>
  );
}

/** First run: an admin types the one-time code from the cloud; the machine gets its credential and its mode. */
function PairingPage() {
  const { client, setStatus } = useDevice();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main id="main" className="pairing">
      <h1>Set up this machine</h1>
      <p>
        An admin creates a pairing code for this venue in TicketBoss (it works once, for 15 minutes) and types it here.
        The machine then becomes a kiosk or a box office as the code says.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          client.call('device:register', { code }).then(setStatus, (failure: unknown) => {
            setError(failure);
            setBusy(false);
          });
        }}
      >
        <label>
          Pairing code
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder="XXXX-XXXX"
            required
            minLength={8}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Pair this machine
        </button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}
