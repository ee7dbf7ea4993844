// The checkout's basket: a ticket type per held place, the promo code, and the price the cloud quoted for that
// choice line by line (or why it cannot be priced). The quote's total is the one the buyer pays.
import type { ReactNode } from 'react';
import type { BasketLineInput, EventPrices, Hold } from '../../../../cloud/contract/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { useT } from '../../../i18n/index.ts';
import { Skeleton } from '../../../ui/kit/index.ts';
import { lineDescriber } from '../../shared/basket/basket-lines.ts';
import { PriceBreakdownView } from '../../shared/basket/PriceBreakdownView.tsx';
import { PromoCodeField } from '../../shared/basket/PromoCodeField.tsx';
import { TicketTypePicker } from '../../shared/basket/TicketTypePicker.tsx';
import type { QuoteState } from '../../shared/basket/use-quote.ts';
import { promoCodeError } from '../../shared/basket/code-errors.ts';

export interface CheckoutBasketProps {
  hold: Hold;
  prices: EventPrices;
  lines: BasketLineInput[];
  onLines(lines: BasketLineInput[]): void;
  code: string | null;
  codeError: string | null;
  onCode(code: string | null): void;
  quote: QuoteState;
  disabled: boolean;
  /** What the buyer should know of their seats (a restricted view), under the heading. */
  notes?: ReactNode;
}

export function CheckoutBasket(props: CheckoutBasketProps) {
  const t = useT();
  const { hold, prices, quote } = props;
  const { quote: priced, error, pending } = quote;
  // A refused code is said beside the field (the page re-quotes without it), not here.
  const basketError = error !== null && promoCodeError(error) === null ? error : null;
  return (
    <section className="basket" aria-labelledby="basket-heading">
      <h2 id="basket-heading">{t('checkout.basket.heading')}</h2>
      {props.notes}
      <TicketTypePicker
        hold={hold}
        prices={prices}
        lines={props.lines}
        onChange={props.onLines}
        disabled={props.disabled}
      />
      <PromoCodeField applied={props.code} error={props.codeError} onApply={props.onCode} disabled={props.disabled} />
      <div aria-live="polite" aria-busy={pending}>
        {priced ? (
          <PriceBreakdownView
            breakdown={priced.breakdown}
            describeLine={lineDescriber(hold, prices, priced.breakdown)}
          />
        ) : basketError !== null ? (
          <ErrorMessage error={basketError} />
        ) : (
          pending && <Skeleton lines={3} label={t('checkout.basket.pricing')} />
        )}
      </div>
    </section>
  );
}
