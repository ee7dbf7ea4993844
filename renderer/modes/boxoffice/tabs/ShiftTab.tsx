// The Shift tab: the end-of-shift report since the clerk signed in, per payment method, with the cash the drawer
// should hold; shown on screen or printed.
import { useState } from 'react';
import type { ShiftReport } from '../../../../cloud/contract/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { useDevice } from '../../device/device-context.ts';
import { parseAmount } from '../../device/device-parts.tsx';

export function ShiftTab({ from }: { from: string }) {
  const { client } = useDevice();
  const [float, setFloat] = useState('0');
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const openingFloat = parseAmount(float, 'EUR') ?? 0;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-labelledby="shift-heading">
      <h1 id="shift-heading">End of shift</h1>
      <p>Since {formatDateTime(from, zone)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('shift:report', { from, openingFloat }).then(setReport, setError);
        }}
      >
        <label>
          Opening float
          <input inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} />
        </label>
        <button type="submit">Show report</button>{' '}
        <button
          type="button"
          onClick={() =>
            client.call('shift:print', { from, openingFloat }).then(() => setPrinted('Report printed.'), setError)
          }
        >
          Print report
        </button>
      </form>
      {report && (
        <table className="shift-report">
          <caption>Per payment method</caption>
          <thead>
            <tr>
              <th scope="col">Payment</th>
              <th scope="col">Orders</th>
              <th scope="col">Tickets</th>
              <th scope="col">Taken</th>
              <th scope="col">Refunds</th>
              <th scope="col">Refunded</th>
              <th scope="col">Net</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((line) => (
              <tr key={`${line.method}-${line.taken.currency}`}>
                <th scope="row">
                  {line.method === 'card_terminal' ? 'Card' : line.method === 'cash' ? 'Cash' : line.method}
                </th>
                <td>{line.orders}</td>
                <td>{line.tickets}</td>
                <td>{formatMoney(line.taken)}</td>
                <td>{line.refunds}</td>
                <td>{formatMoney(line.refunded)}</td>
                <td>{formatMoney(line.net)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6}>
                Cash expected in the drawer
              </th>
              <td className="cash-expected">{report.cashExpected.map((m) => formatMoney(m)).join(', ')}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {printed && <p role="status">{printed}</p>}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
