// One order at the counter: refund chosen tickets (by the event's refund policy, its refund fee waived if the clerk
// says so) or cancel the whole order (with a reason), exchange chosen tickets for other seats or another date
// (ExchangePanel), reprint tickets or the receipt, hand will-call tickets over, and hand back the money of a cancelled
// event’s order paid here.
import { Suspense, useState } from 'react';
import type { Order } from '../../../../cloud/contract/index.ts';
import { lazyWithWords, useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { DeviceNotice } from '../../../../preload/bridge.ts';
import { useDevice } from '../../device/device-context.ts';
import { noticeWords } from '../../device/notice-words.ts';
import { newKey } from '../idempotency.ts';
import { Waiting } from '../Waiting.tsx';
import { ExchangePanel } from './ExchangePanel.tsx';
import { Checkbox, Button, Field, TextInput } from '../../../ui/kit/index.ts';

// transfer (issue 19): passing chosen tickets on, with its words, loaded when tickets are chosen.
const CounterTransfer = lazyWithWords(['transfer'], () => import('./CounterTransfer.tsx'));

export function OrderDetail({ orderId, onBack }: { orderId: string; onBack(): void }) {
  const t = useT();
  const { client } = useDevice();
  const [state, retry] = useAsync(() => client.getOrder(orderId), [client, orderId]);
  const [order, setOrder] = useState<Order | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [waiveRefundFee, setWaiveRefundFee] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [keys] = useState(() => ({ refund: newKey(), cancel: newKey(), handBack: newKey() }));
  const [exchanging, setExchanging] = useState(false);
  if (state.status !== 'loaded') return <Waiting state={state} retry={retry} />;
  const current = order ?? state.value;
  if (exchanging) {
    return (
      <ExchangePanel
        order={current}
        ticketIds={chosen}
        onCancel={() => setExchanging(false)}
        onDone={(outcome) => {
          setExchanging(false);
          setOrder(outcome.from);
          setChosen([]);
          setResult(
            t('boxoffice.order.exchanged', {
              code: outcome.to?.code ?? '',
              message: noticeWords(t, outcome.notice),
              printed: t('boxoffice.done.printed', { count: outcome.printed.length }),
            }),
          );
        }}
      />
    );
  }
  const valid = current.tickets.filter((t) => t.status === 'valid');
  const act = (
    run: () => Promise<{ order: Order; handBack?: DeviceNotice; printed?: string[] } | { printed: string[] }>,
  ) => {
    setError(null);
    setResult(null);
    run().then((answer) => {
      if ('order' in answer) setOrder(answer.order);
      setChosen([]);
      setResult(
        'handBack' in answer && answer.handBack
          ? noticeWords(t, answer.handBack)
          : t('boxoffice.done.printed', { count: answer.printed?.length ?? 0 }),
      );
    }, setError);
  };
  return (
    <section className="order-detail" aria-labelledby="order-heading">
      <Button variant="secondary" onClick={onBack}>
        {t('boxoffice.order.back')}
      </Button>
      <h1 id="order-heading">{t('boxoffice.order.heading', { code: current.code })}</h1>
      <p>
        {current.buyer.name} · {current.buyer.email} · {formatMoney(current.total)} ·{' '}
        <span className="order-state">{t(`boxoffice.state.${current.state}`)}</span>
        {current.refunded.amount > 0 &&
          ` · ${t('boxoffice.order.refunded', { amount: formatMoney(current.refunded) })}`}
      </p>
      {current.exchangedFrom && <p>{t('boxoffice.order.exchangedFrom', { code: current.exchangedFrom.code })}</p>}
      {current.exchangedTo && (
        <p className="exchanged-to">
          {t('boxoffice.order.exchangedTo', { codes: current.exchangedTo.map((o) => o.code).join(', ') })}
        </p>
      )}
      <fieldset>
        <legend>{t('boxoffice.order.tickets')}</legend>
        <ul className="ticket-choices">
          {current.tickets.map((ticket) => (
            <li key={ticket.id}>
              <Checkbox
                disabled={ticket.status !== 'valid'}
                checked={chosen.includes(ticket.id)}
                onChange={(e) =>
                  setChosen(e.target.checked ? [...chosen, ticket.id] : chosen.filter((id) => id !== ticket.id))
                }
                label={
                  <>
                    {ticket.number === null
                      ? t('boxoffice.order.standing', { section: ticket.sectionId })
                      : t('boxoffice.order.seat', { row: ticket.row, seat: ticket.number })}{' '}
                    · {formatMoney(ticket.price)} · {t(`boxoffice.ticket.${ticket.status}`)}
                  </>
                }
              />
            </li>
          ))}
        </ul>
      </fieldset>
      {valid.length > 0 && (
        <>
          <Field label={t('boxoffice.order.reason')}>
            <TextInput value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Field>
          {current.breakdown && (
            <Checkbox
              checked={waiveRefundFee}
              onChange={(e) => setWaiveRefundFee(e.target.checked)}
              label={t('boxoffice.order.waive')}
            />
          )}
          <Button
            variant="secondary"
            disabled={chosen.length === 0 || !reason.trim()}
            onClick={() =>
              act(() =>
                client.call('orders:refund', {
                  orderId,
                  ticketIds: chosen,
                  reason: reason.trim(),
                  ...(waiveRefundFee ? { waiveRefundFee } : {}),
                  idempotencyKey: `${keys.refund}-${waiveRefundFee ? 'w' : 'k'}-${chosen.slice().sort().join('.').slice(0, 178)}`,
                }),
              )
            }
          >
            {t('boxoffice.order.refund', { count: chosen.length })}
          </Button>{' '}
          <Button
            variant="secondary"
            disabled={chosen.length === 0}
            onClick={() => {
              setResult(null);
              setError(null);
              setExchanging(true);
            }}
          >
            {t('boxoffice.order.exchange', { count: chosen.length })}
          </Button>{' '}
          <Button
            variant="secondary"
            disabled={!reason.trim()}
            onClick={() =>
              act(() => client.call('orders:cancel', { orderId, reason: reason.trim(), idempotencyKey: keys.cancel }))
            }
          >
            {t('boxoffice.order.cancel')}
          </Button>{' '}
          <Button
            variant="secondary"
            onClick={() => act(() => client.call('print:order', { orderId, tickets: true, receipt: false }))}
          >
            {t('boxoffice.order.reprintTickets')}
          </Button>{' '}
          {chosen.length > 0 && (
            <Suspense fallback={null}>
              <CounterTransfer orderId={orderId} ticketIds={chosen} />
            </Suspense>
          )}
        </>
      )}
      <Button
        variant="secondary"
        onClick={() => act(() => client.call('print:order', { orderId, tickets: false, receipt: true }))}
      >
        {t('boxoffice.order.reprintReceipt')}
      </Button>
      {current.owedAtCounter && (
        <p>
          {t('boxoffice.order.owed', { amount: formatMoney(current.owedAtCounter) })}{' '}
          <Button onClick={() => act(() => client.call('orders:handBack', { orderId, idempotencyKey: keys.handBack }))}>
            {t('boxoffice.order.handBack', { amount: formatMoney(current.owedAtCounter) })}
          </Button>
        </p>
      )}
      {current.delivery.method === 'will_call' &&
        (current.pickedUpAt ? (
          <p>
            {t('boxoffice.order.pickedUp', {
              time: formatDateTime(current.pickedUpAt, Intl.DateTimeFormat().resolvedOptions().timeZone),
            })}
          </p>
        ) : (
          valid.length > 0 && (
            <p>
              <Button onClick={() => act(() => client.call('orders:pickup', { orderId }))}>
                {t('boxoffice.order.handOver')}
              </Button>
            </p>
          )
        ))}
      {result && (
        <p className="result" role="status">
          {result}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
