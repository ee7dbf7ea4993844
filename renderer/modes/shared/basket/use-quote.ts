// The price of a hold as the buyer has chosen it (ticket types, promo code, delivery): asked of the cloud again a
// moment after the choice changes (debounced, so a row of changes costs one request), and an answer that arrives
// after a newer question was asked is dropped.
import { useEffect, useState } from 'react';
import type { Quote, QuoteRequest } from '../../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../../client/ticketing-client.ts';

/** How long the choice has to stay the same before it is priced. */
export const QUOTE_DEBOUNCE_MS = 250;

export interface QuoteState {
  /** The latest answer (kept while a newer one is on its way; null before the first and after an error). */
  quote: Quote | null;
  error: unknown;
  /** A question is waiting for its debounce or its answer. */
  pending: boolean;
}

export function useQuote(
  client: TicketingClient,
  hold: { id: string; token: string } | null,
  request: QuoteRequest,
): QuoteState {
  const [state, setState] = useState<QuoteState>({ quote: null, error: null, pending: hold !== null });
  // The request is a new object on every render: its text is what says whether it changed.
  const key = JSON.stringify(request);
  const holdId = hold?.id ?? null;
  const token = hold?.token ?? null;
  useEffect(() => {
    if (holdId === null || token === null) {
      setState({ quote: null, error: null, pending: false });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, pending: true }));
    const timer = setTimeout(() => {
      client.quoteHold(holdId, token, JSON.parse(key) as QuoteRequest).then(
        (quote) => current && setState({ quote, error: null, pending: false }),
        (error: unknown) => current && setState({ quote: null, error, pending: false }),
      );
    }, QUOTE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, holdId, token, key]);
  return state;
}
