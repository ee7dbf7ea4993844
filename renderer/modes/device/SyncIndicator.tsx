// The sync light every device screen shows, so a clerk or buyer sees at once whether sales reach the cloud.
import { useT } from '../../i18n/index.ts';
import { useDevice } from './device-context.ts';

/** The sync light: online, offline (with what waits), or syncing. */
export function SyncIndicator() {
  const { status } = useDevice();
  const t = useT();
  const { state, pending } = status.sync;
  const words = t(`kiosk.device.sync.${state}`, { pending });
  return (
    <span className={`sync-indicator sync-${state}`} role="status" aria-label={t('kiosk.device.sync.label', { words })}>
      <span className="sync-dot" aria-hidden="true" /> {words}
    </span>
  );
}
