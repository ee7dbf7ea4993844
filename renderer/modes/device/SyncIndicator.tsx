// The sync light every device screen shows, so a clerk or buyer sees at once whether sales reach the cloud.
import { useDevice } from './device-context.ts';

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
