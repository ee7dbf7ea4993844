// A cash sale from one allotment: pick its unsold seats, the buyer's name, the cash received. Works offline; the
// sale syncs when the connection is back.
import { useState } from 'react';
import type { AllotmentView } from '../../../../preload/bridge.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useDevice } from '../../device/device-context.ts';
import { parseAmount } from '../../device/device-parts.tsx';
import { Button, Checkbox, Field, TextInput } from '../../../ui/kit/index.ts';

export function AllotmentSale({ allotment, onSold }: { allotment: AllotmentView; onSold(message: string): void }) {
  const t = useT();
  const { client } = useDevice();
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [received, setReceived] = useState('');
  const [error, setError] = useState<unknown>(null);
  const unsold = allotment.seats.filter((s) => !s.sold);
  const { currency } = allotment;
  const total = allotment.seats.filter((s) => chosen.includes(s.seatId)).reduce((sum, s) => sum + s.price.amount, 0);
  const tendered = parseAmount(received, currency);
  return (
    <form
      className="allotment-sale"
      aria-label={t('boxoffice.allotment.label', { id: allotment.allotmentId.slice(0, 8) })}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        client
          .call('allotment:sellCash', {
            allotmentId: allotment.allotmentId,
            seatIds: chosen,
            buyerName: name.trim(),
            tendered: { amount: tendered ?? 0, currency },
          })
          .then(
            (answer) =>
              onSold(
                t('boxoffice.allotment.sold', { reference: answer.reference, change: formatMoney(answer.change) }),
              ),
            setError,
          );
      }}
    >
      <p>{t('boxoffice.allotment.left', { left: unsold.length, count: allotment.seats.length })}</p>
      <fieldset>
        <legend>{t('boxoffice.allotment.seats')}</legend>
        <ul className="ticket-choices">
          {unsold.map((seat) => (
            <li key={seat.seatId}>
              <Checkbox
                checked={chosen.includes(seat.seatId)}
                onChange={(e) =>
                  setChosen(e.target.checked ? [...chosen, seat.seatId] : chosen.filter((id) => id !== seat.seatId))
                }
                label={`${seat.seatId} · ${formatMoney(seat.price)}`}
              />
            </li>
          ))}
        </ul>
      </fieldset>
      <Field label={t('boxoffice.pay.name')}>
        <TextInput value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </Field>
      <Field label={t('boxoffice.cash.received')}>
        <TextInput inputMode="decimal" value={received} onChange={(e) => setReceived(e.target.value)} required />
      </Field>
      <Button type="submit" disabled={chosen.length === 0 || tendered === null || tendered < total || !name.trim()}>
        {t('boxoffice.allotment.sell', { count: chosen.length, amount: formatMoney({ amount: total, currency }) })}
      </Button>
      {error !== null && <ErrorMessage error={error} />}
    </form>
  );
}
