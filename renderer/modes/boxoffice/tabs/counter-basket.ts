// What the counter sells a hold as: a ticket type per place (adult unless the clerk picks another), a promo code, and
// the cloud's quote of that (the breakdown, its total) for how the tickets go to the buyer. A code the cloud refuses
// is taken off again, with the reason kept for beside the code field; the sale is then priced without it.
import { useMemo, useState } from 'react';
import type {
  BasketLineInput,
  CreatedHold,
  EventPrices,
  Quote,
  QuoteRequest,
} from '../../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../../client/ticketing-client.ts';
import { linesToSend } from '../../shared/basket/basket-lines.ts';
import { promoCodeError } from '../../shared/basket/code-errors.ts';
import { hasBasketProblems } from '../../shared/basket/TicketTypePicker.tsx';
import { useQuote } from '../../shared/basket/use-quote.ts';
import { useRefusedCode } from '../../shared/basket/use-refused-code.ts';

export type CounterDelivery = 'print' | 'email' | 'will_call';

/** The delivery a counter sale is priced with (main/sales/counter-sales.ts sends the same). */
const QUOTED_DELIVERY = {
  print: { method: 'print_at_venue' },
  email: { method: 'email' },
  will_call: { method: 'will_call' },
} as const satisfies Record<CounterDelivery, QuoteRequest['delivery']>;

export interface CounterBasket {
  /** The chosen lines, for the picker. */
  lines: BasketLineInput[];
  setLines(lines: BasketLineInput[]): void;
  /** The code in use, and why the last one was refused. */
  code: string | null;
  codeError: string | null;
  applyCode(code: string | null): void;
  /** What the sale sends: every place's line, and the code. */
  sale: { lines: BasketLineInput[]; code?: string };
  /** The latest quote (kept while a newer one is asked; null before the first and when it failed). */
  quote: Quote | null;
  /** `quote` prices exactly `sale`: what the buyer pays can be taken. */
  ready: boolean;
  /** A failed quote that is not about the code. */
  error: unknown;
  /** The choice breaks a per-order rule (the picker says which): not to be sold as it is. */
  invalid: boolean;
}

export function useCounterBasket(
  client: TicketingClient,
  hold: CreatedHold,
  prices: EventPrices,
  delivery: CounterDelivery,
): CounterBasket {
  const [lines, setLines] = useState<BasketLineInput[]>([]);
  const [code, setCode] = useState<string | null>(null);
  const sent = useMemo(() => linesToSend(hold, prices, lines), [hold, prices, lines]);
  const sale = { lines: sent, ...(code ? { code } : {}) };
  const quoted = useQuote(client, hold, { ...sale, delivery: QUOTED_DELIVERY[delivery] });
  const [codeError, setCodeError] = useRefusedCode(quoted.error, () => setCode(null));
  const refusedCode = promoCodeError(quoted.error);
  return {
    lines,
    setLines,
    code,
    codeError,
    applyCode: (next) => {
      setCodeError(null);
      setCode(next);
    },
    sale,
    quote: quoted.quote,
    ready: !quoted.pending && refusedCode === null && quoted.quote !== null,
    error: refusedCode === null ? quoted.error : null,
    invalid: hasBasketProblems(hold, prices, lines),
  };
}
