// The Door tab's verdict in words: said from a scan's result and reason (the API's English detail is not shown), with
// when and where a used ticket was first admitted, and whether this machine decided it offline.
import type { BridgeOutput } from '../../../../preload/bridge.ts';
import type { Translate } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';

export type DoorScan = BridgeOutput<'door:scan'> & { at: string };

export function scanWords(t: Translate, scan: Omit<DoorScan, 'at'>): string {
  const said =
    scan.result === 'admitted'
      ? t('boxoffice.door.welcome')
      : scan.result === 'already_used'
        ? t('boxoffice.door.usedAt', {
            time: scan.usedAt ? formatDateTime(scan.usedAt, Intl.DateTimeFormat().resolvedOptions().timeZone) : '—',
            gate: scan.usedGate ?? '—',
          })
        : refusalWords(t, scan.reason);
  return scan.offline ? `${said} ${t('boxoffice.door.checkedOffline')}` : said;
}

/** Why the door refused, by the reason's code; a reason this build does not know yet gets the general words. */
export function refusalWords(t: Translate, reason: string | null): string {
  switch (reason) {
    case 'invalid_code':
      return t('boxoffice.door.reason.invalid_code');
    case 'unknown_ticket':
      return t('boxoffice.door.reason.unknown_ticket');
    case 'other_event':
      return t('boxoffice.door.reason.other_event');
    case 'other_venue':
      return t('boxoffice.door.reason.other_venue');
    case 'refunded':
      return t('boxoffice.door.reason.refunded');
    case 'void':
      return t('boxoffice.door.reason.void');
    case 'event_cancelled':
      return t('boxoffice.door.reason.event_cancelled');
    case 'transferred':
      return t('boxoffice.door.reason.transferred');
    case 'code_expired':
      return t('boxoffice.door.reason.code_expired');
    case 'code_replayed':
      return t('boxoffice.door.reason.code_replayed');
    case 'static_code_refused':
      return t('boxoffice.door.reason.static_code_refused');
    default:
      return t('boxoffice.door.reason.other');
  }
}
