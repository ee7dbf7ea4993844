// transfer (issue 19): the clerk passes the chosen tickets of an order on for a buyer at the counter — the name and
// email of the person they are for; the cloud emails them the accept link. The tickets stay the buyer's until then.
import { useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { useDevice } from '../../device/device-context.ts';
import { Button, Field, TextInput } from '../../../ui/kit/index.ts';

export default function CounterTransfer({ orderId, ticketIds }: { orderId: string; ticketIds: string[] }) {
  const t = useT();
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      const transfer = await client.call('orders:transfer', {
        orderId,
        ticketIds,
        recipient: { email: email.trim(), name: name.trim() },
      });
      setSent(transfer.recipient.email);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="counter-transfer">
      <legend>{t('transfer.counter.title')}</legend>
      <Field label={t('transfer.panel.name')}>
        <TextInput value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </Field>
      <Field label={t('transfer.panel.email')}>
        <TextInput type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
      </Field>
      <Button
        variant="secondary"
        disabled={busy || ticketIds.length === 0 || !name.trim() || !email.trim()}
        onClick={() => void send()}
      >
        {t('transfer.panel.send', { count: ticketIds.length })}
      </Button>
      {sent && <p role="status">{t('transfer.panel.sent', { email: sent })}</p>}
      {error !== null && <ErrorMessage error={error} />}
    </fieldset>
  );
}
