// The order the checkout sends: the buyer and delivery read from the form, the payment method, and the basket the
// buyer chose (every place's ticket type and the promo code, as quoted), and the buyer's language.
import type { BasketLineInput, CreateOrder, QuoteRequest } from '../../../../cloud/contract/index.ts';
import type { Locale } from '../../../i18n/index.ts';
import type { WebDelivery } from './BuyerFields.tsx';

export function orderRequest(
  form: FormData,
  choice: {
    holdId: string;
    delivery: WebDelivery;
    method: 'sandbox' | 'amazon_pay';
    lines: BasketLineInput[];
    code: string | null;
    returnUrl: string;
    /** The language the buyer sees; the order's emails and documents go out in it. */
    locale: Locale;
  },
): CreateOrder {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  return {
    holdId: choice.holdId,
    buyer: { email: text('email'), name: text('name'), ...(text('phone') ? { phone: text('phone') } : {}) },
    delivery:
      choice.delivery === 'mail'
        ? {
            method: 'mail',
            address: {
              name: text('name'),
              line1: text('line1'),
              ...(text('line2') ? { line2: text('line2') } : {}),
              city: text('city'),
              postalCode: text('postalCode'),
              country: text('country').toUpperCase(),
            },
          }
        : { method: choice.delivery },
    payment: { method: choice.method, returnUrl: choice.returnUrl },
    locale: choice.locale,
    ...(choice.lines.length > 0 ? { lines: choice.lines } : {}),
    ...(choice.code !== null ? { code: choice.code } : {}),
  };
}

/** What the quote is asked: the same lines and code, and the delivery method (only the method prices it, so a posted
 * order is quoted before the buyer types the address). */
export function quoteRequest(lines: BasketLineInput[], code: string | null, delivery: WebDelivery): QuoteRequest {
  return {
    lines,
    ...(code !== null ? { code } : {}),
    delivery: { method: delivery },
  };
}
