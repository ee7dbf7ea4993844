// The order page's "Send tickets to someone" (issue 19): the buyer picks valid tickets, names the recipient and their
// email, and sends; the recipient gets a link to accept. A pending transfer can be cancelled here until accepted.
// Loaded lazily with the transfer words. A pending transfer changes no ticket (they stay the sender's until accepted),
// so only the transfers are read again after a step.
import { useState, type FormEvent } from 'react';
import type { Order } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { Button, Field, TextInput, Checkbox } from '../../../ui/kit/index.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';
import { placeWords, type Sections } from '../wallet/wallet-data.ts';
import { transferApi, type Caller } from './transfer-api.ts';

export interface TransferPanelProps {
  order: Order;
  token?: string | undefined;
  sections: Sections;
  timeZone: string;
}

export default function TransferPanel({ order, token, sections, timeZone }: TransferPanelProps) {
  const t = useT();
  const { session } = useShop();
  const caller: Caller = { orderToken: token, bearer: session?.accessToken };
  const [state, reload] = useAsync(() => transferApi.list(order.id, caller), [order.id, token, session?.accessToken]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (state.status !== 'loaded') return null;
  const { rules, transfers } = state.value;
  const pending = transfers.filter((transfer) => transfer.state === 'pending');
  const inTransfer = new Set(pending.flatMap((transfer) => transfer.ticketIds));
  const sendable = order.tickets.filter((ticket) => ticket.status === 'valid' && !inTransfer.has(ticket.id));
  const closed = Date.now() >= Date.parse(rules.closesAt);
  const fieldError = (field: string) =>
    failure?.body.errors?.find((error) => error.field === field) ? messageOf(failure) : null;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSentTo(null);
    try {
      const ticketIds = chosen.filter((id) => sendable.some((ticket) => ticket.id === id));
      await transferApi.send(order.id, { ticketIds, recipient: { email, name } }, caller);
      setSentTo(email);
      setChosen([]);
      setEmail('');
      setName('');
      reload();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (transferId: string) => {
    setFailure(null);
    try {
      await transferApi.cancel(order.id, transferId, caller);
      reload();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'network', ''));
    }
  };

  const generalError =
    failure && !fieldError('recipient.email') && !fieldError('recipient.name') ? messageOf(failure) : null;
  return (
    <section className="transfer-panel" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('transfer.panel.title')}</h2>
      {pending.length > 0 && (
        <ul className="transfer-pending">
          {pending.map((transfer) => (
            <li key={transfer.id}>
              {t('transfer.panel.pending', {
                count: transfer.ticketIds.length,
                name: transfer.recipient.name,
                email: transfer.recipient.email,
              })}{' '}
              <Button variant="secondary" size="md" onClick={() => void cancel(transfer.id)}>
                {t('transfer.panel.cancel')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {sentTo && <p role="status">{t('transfer.panel.sent', { email: sentTo })}</p>}
      {!rules.allowed ? (
        <p>{t('transfer.panel.notAllowed')}</p>
      ) : closed ? (
        <p>{t('transfer.panel.closed', { when: formatDateTime(rules.closesAt, timeZone) })}</p>
      ) : sendable.length === 0 ? null : (
        <form onSubmit={(event) => void send(event)} noValidate>
          <p>
            {t('transfer.panel.intro', { when: formatDateTime(rules.closesAt, timeZone) })}
            {rules.sameNameOnly ? ` ${t('transfer.panel.sameName', { name: order.buyer.name })}` : ''}
          </p>
          <fieldset>
            <legend>{t('transfer.panel.choose')}</legend>
            {sendable.map((ticket) => (
              <Checkbox
                key={ticket.id}
                checked={chosen.includes(ticket.id)}
                onChange={(event) =>
                  setChosen((now) =>
                    event.target.checked ? [...now, ticket.id] : now.filter((id) => id !== ticket.id),
                  )
                }
                label={placeWords(t, ticket, sections)}
              />
            ))}
          </fieldset>
          <Field label={t('transfer.panel.name')} error={fieldError('recipient.name')}>
            <TextInput value={name} autoComplete="off" onChange={(event) => setName(event.target.value)} />
          </Field>
          <Field label={t('transfer.panel.email')} error={fieldError('recipient.email')}>
            <TextInput
              type="email"
              value={email}
              autoComplete="off"
              onChange={(event) => setEmail(event.target.value)}
            />
          </Field>
          {generalError && <p role="alert">{generalError}</p>}
          <Button
            type="submit"
            busy={busy}
            {...(chosen.length === 0 ? { disabledReason: t('transfer.panel.chooseFirst') } : {})}
          >
            {t('transfer.panel.send', { count: chosen.length })}
          </Button>
        </form>
      )}
    </section>
  );
}
