// The Shift tab: the end-of-shift report since the clerk signed in, per payment method, with the cash the drawer
// should hold, and per currency the takings line by line (ShiftBreakdown.tsx); shown on screen or printed. The drawer is counted per currency: the clerk gives the opening float in
// each currency the counter takes (those of its venue's events), and the cash expected comes per currency too.
import { useState } from 'react';
import type { Money, ShiftReport } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { ShiftLinesTable } from '../../../ui/ShiftLinesTable.tsx';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { parseAmount } from '../../device/device-parts.tsx';
import { Waiting } from '../Waiting.tsx';
import { ShiftBreakdownTables } from './ShiftBreakdown.tsx';
import { Button, Field, TextInput } from '../../../ui/kit/index.ts';

export function ShiftTab({ from }: { from: string }) {
  const { client } = useDevice();
  const [drawer, retry] = useAsync(() => client.call('shift:currencies', {}), [client]);
  if (drawer.status !== 'loaded') return <Waiting state={drawer} retry={retry} />;
  return <Shift from={from} currencies={drawer.value.currencies} />;
}

function Shift({ from, currencies }: { from: string; currencies: string[] }) {
  const t = useT();
  const { client } = useDevice();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<{ report: ShiftReport; openingFloats: Money[] } | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const floats = currencies.map((currency) => ({ currency, amount: parseAmount(typed[currency] ?? '0', currency) }));
  const openingFloats = floats.every((f): f is Money => f.amount !== null) ? floats : null;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-labelledby="shift-heading">
      <h1 id="shift-heading">{t('boxoffice.shift.heading')}</h1>
      <p>{t('boxoffice.shift.since', { time: formatDateTime(from, zone) })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!openingFloats) return;
          setError(null);
          client
            .call('shift:report', { from, openingFloats })
            .then((answer) => setShown({ report: answer, openingFloats }), setError);
        }}
      >
        {currencies.length === 0 && <p>{t('boxoffice.shift.noCurrency')}</p>}
        {floats.map(({ currency, amount }) => (
          <div key={currency}>
            <Field label={t('boxoffice.shift.float', { currency })}>
              <TextInput
                inputMode="decimal"
                value={typed[currency] ?? '0'}
                aria-invalid={amount === null}
                aria-describedby={amount === null ? `float-${currency}-hint` : undefined}
                onChange={(e) => setTyped({ ...typed, [currency]: e.target.value })}
              />
            </Field>
            {amount === null && (
              <p className="hint" id={`float-${currency}-hint`}>
                {t('boxoffice.shift.notAnAmount', { currency })}
              </p>
            )}
          </div>
        ))}
        <Button variant="secondary" type="submit" disabled={!openingFloats}>
          {t('boxoffice.shift.show')}
        </Button>{' '}
        <Button
          variant="secondary"
          disabled={!openingFloats}
          onClick={() => {
            if (!openingFloats) return;
            setError(null);
            client
              .call('shift:print', { from, openingFloats })
              .then(() => setPrinted(t('boxoffice.shift.printed')), setError);
          }}
        >
          {t('boxoffice.shift.print')}
        </Button>
      </form>
      {shown && (
        <ShiftLinesTable
          className="shift-report"
          caption={t('boxoffice.shift.perMethod')}
          groups={[{ key: shown.report.seller, leading: [], lines: shown.report.lines }]}
          footer={
            <>
              <tr>
                <th scope="row" colSpan={6}>
                  {t('boxoffice.shift.openingFloat')}
                </th>
                <td className="opening-float">{shown.openingFloats.map((m) => formatMoney(m)).join(', ')}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={6}>
                  {t('boxoffice.shift.cashExpected')}
                </th>
                <td className="cash-expected">{shown.report.cashExpected.map((m) => formatMoney(m)).join(', ')}</td>
              </tr>
            </>
          }
        />
      )}
      {shown && <ShiftBreakdownTables breakdown={shown.report.breakdown} />}
      {printed && <p role="status">{printed}</p>}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
