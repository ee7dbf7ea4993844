// The Door tab: ticket codes checked at a gate, the verdict large enough to read at arm's length, recent scans below.
import { useRef, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { useDevice } from '../../device/device-context.ts';
import { scanWords, type DoorScan } from './door-words.ts';
import { Button, Field, TextInput } from '../../../ui/kit/index.ts';

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
        <Field label={t('boxoffice.door.gate')}>
          <TextInput value={gate} onChange={(e) => setGate(e.target.value)} required maxLength={40} />
        </Field>
        <Field label={t('boxoffice.door.code')}>
          <TextInput
            ref={input}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Button variant="secondary" type="submit">
          {t('boxoffice.door.check')}
        </Button>
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
