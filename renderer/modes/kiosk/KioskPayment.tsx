// The kiosk's pay screen: a ticket type for each seat, a promo code and the price line by line as the cloud quotes
// it, the name on the tickets and how to get them; then the card terminal is asked for the quote's total and the
// sale carries the same lines and code (sale:terminal), so what the buyer saw is what is charged.
import { useState } from 'react';
import type { BasketLineInput, CreatedHold, EventPrices, EventSummary } from '../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../preload/bridge.ts';
import { ErrorMessage, Loading, Pending } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from '../device/device-context.ts';
import { lineDescriber, linesToSend } from '../shared/basket/basket-lines.ts';
import { promoCodeError } from '../shared/basket/code-errors.ts';
import { PriceBreakdownView } from '../shared/basket/PriceBreakdownView.tsx';
import { PromoCodeField } from '../shared/basket/PromoCodeField.tsx';
import { hasBasketProblems, TicketTypePicker } from '../shared/basket/TicketTypePicker.tsx';
import { useQuote } from '../shared/basket/use-quote.ts';
import { useRefusedCode } from '../shared/basket/use-refused-code.ts';

interface KioskPaymentProps {
  hold: CreatedHold;
  event: EventSummary;
  offline: boolean;
  onPaid(result: SaleResult): void;
}

/** Loads the event's ticket types and prices (cached on the machine, so also offline), then the pay screen. */
export function KioskPayment(props: KioskPaymentProps) {
  const { client } = useDevice();
  const [state, retry] = useAsync(() => client.getEvent(props.event.id), [client, props.event.id]);
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="the prices" />;
  return <KioskCheckout {...props} prices={state.value.prices} />;
}

function KioskCheckout({ hold, event, offline, onPaid, prices }: KioskPaymentProps & { prices: EventPrices }) {
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [delivery, setDelivery] = useState<'print' | 'email'>('print');
  const [email, setEmail] = useState('');
  const [lines, setLines] = useState<BasketLineInput[]>(() => linesToSend(hold, prices, []));
  const [code, setCode] = useState<string | null>(null);
  const [step, setStep] = useState<'form' | 'terminal'>('form');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const quote = useQuote(client, hold, {
    lines,
    ...(code !== null ? { code } : {}),
    delivery: { method: delivery === 'email' ? 'email' : 'print_at_venue' },
  });
  const [codeError, setCodeError] = useRefusedCode(quote.error, () => setCode(null));
  const applyCode = (next: string | null) => {
    setCodeError(null);
    setCode(next);
  };
  const total = quote.quote && !quote.pending ? quote.quote.breakdown.totals.total : null;
  const money = (amount: number) =>
    formatMoney({ amount, currency: quote.quote?.breakdown.currency ?? prices.currency });
  const basketError = quote.error !== null && promoCodeError(quote.error) === null ? quote.error : null;

  const pay = async () => {
    setStep('terminal');
    setMessage(null);
    setError(null);
    try {
      const result = await client.call('sale:terminal', {
        holdId: hold.id,
        holdToken: hold.token,
        buyer: { name: name.trim(), ...(delivery === 'email' ? { email: email.trim() } : {}) },
        delivery,
        lines,
        ...(code !== null ? { code } : {}),
      });
      if (result.status === 'paid' || result.status === 'queued') onPaid(result);
      else setMessage(result.message);
    } catch (failure) {
      const refused = promoCodeError(failure);
      if (refused !== null) applyCode(null);
      setCodeError(refused);
      setError(refused === null ? failure : null);
    } finally {
      setStep('form');
    }
  };

  if (step === 'terminal') {
    return (
      <section className="terminal-prompt" aria-live="assertive">
        <h1>Pay {total !== null ? money(total) : ''} on the card terminal</h1>
        <p>Insert, tap or swipe your card on the terminal below the screen and follow its instructions.</p>
      </section>
    );
  }
  return (
    <section className="kiosk-pay">
      <h1>{event.name}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void pay();
        }}
      >
        <TicketTypePicker hold={hold} prices={prices} lines={lines} onChange={setLines} />
        <PromoCodeField applied={code} error={codeError} onApply={applyCode} />
        <div aria-live="polite" aria-busy={quote.pending}>
          {quote.quote ? (
            <PriceBreakdownView
              breakdown={quote.quote.breakdown}
              describeLine={lineDescriber(hold, prices, quote.quote.breakdown)}
            />
          ) : basketError !== null ? (
            <ErrorMessage error={basketError} />
          ) : (
            quote.pending && <Loading what="the price" />
          )}
        </div>
        <label>
          Name on the tickets
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoComplete="off" />
        </label>
        <fieldset>
          <legend>Your tickets</legend>
          <label className="inline">
            <input type="radio" checked={delivery === 'print'} onChange={() => setDelivery('print')} /> Print them here
          </label>
          <label className="inline">
            <input type="radio" checked={delivery === 'email'} onChange={() => setDelivery('email')} /> Email them to me
          </label>
        </fieldset>
        {delivery === 'email' && (
          <label>
            Email
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
          </label>
        )}
        {offline && (
          <p className="notice paused" role="status">
            Sales are paused: this kiosk has lost its connection. Your seats stay held while it comes back.
          </p>
        )}
        {message && (
          <p className="notice" role="alert">
            {message}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <button
          type="submit"
          className="primary big"
          disabled={offline || total === null || hasBasketProblems(hold, prices, lines)}
        >
          {total !== null ? `Pay ${money(total)} by card` : 'Pay by card'}
        </button>
      </form>
    </section>
  );
}
