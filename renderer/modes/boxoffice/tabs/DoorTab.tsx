// The Door tab: ticket codes checked at a gate, the verdict large enough to read at arm's length, recent scans below.
import { useRef, useState } from 'react';
import type { BridgeOutput } from '../../../../preload/bridge.ts';
import { useT } from '../../../i18n/index.ts';
import type { Translate } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useDevice } from '../../device/device-context.ts';

type DoorScan = BridgeOutput<'door:scan'> & { at: string };

/** What the scan means, in words: said from its result and reason (the API's English detail is not shown), with
 * when and where a used ticket was first admitted, and whether this machine decided it offline. */
function scanWords(t: Translate, scan: DoorScan): string {
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
function refusalWords(t: Translate, reason: string | null): string {
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
    default:
      return t('boxoffice.door.reason.other');
  }
}

/** Scans typed, or read by a USB scanner acting as a keyboard (it types the code and Enter). */
export function DoorTab() {
  const t = useT();
  const { client } = useDevice();
  const [gate, setGate] = useState(() => t('boxoffice.door.defaultGate'));
  const [code, setCode] = useState('');
  const [scans, setScans] = useState<DoorScan[]>([]);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const last = scans[0];
  const verdict = (scan: DoorScan) => t(`boxoffice.door.${scan.result}`);
  return (
    <section aria-labelledby="door-heading" className="door">
      <h1 id="door-heading">{t('boxoffice.tab.door')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const scanned = code.trim();
          setCode('');
          setError(null);
          if (!scanned) return;
          client
            .call('door:scan', { code: scanned, gate })
            .then(
              (result) => setScans((list) => [{ ...result, at: new Date().toISOString() }, ...list].slice(0, 20)),
              setError,
            );
          input.current?.focus();
        }}
      >
        <label>
          {t('boxoffice.door.gate')}
          <input value={gate} onChange={(e) => setGate(e.target.value)} required maxLength={40} />
        </label>
        <label>
          {t('boxoffice.door.code')}
          <input
            ref={input}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit">{t('boxoffice.door.check')}</button>
      </form>
      {last && (
        <div className={`door-verdict door-${last.result}`} role="alert">
          <p className="door-word">{verdict(last)}</p>
          <p>
            {last.ticket
              ? `${last.ticket.seat.startsWith('ga:') ? t('boxoffice.door.standing') : last.ticket.seat} · `
              : ''}
            {scanWords(t, last)}
          </p>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {scans.length > 1 && (
        <ol className="door-history" aria-label={t('boxoffice.door.earlier')}>
          {scans.slice(1).map((scan) => (
            <li key={scan.at + (scan.ticket?.id ?? '')}>
              {verdict(scan)} · {scan.ticket?.seat ?? t('boxoffice.door.unreadable')} ·{' '}
              {scan.offline ? t('boxoffice.door.offline') : t('boxoffice.door.online')}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
