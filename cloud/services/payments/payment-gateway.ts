// The payment providers this deployment has, and every call orders make to them: which web methods the shop offers,
// which provider serves a payment, the checkout session, the completion and the refund. A provider that does not
// answer becomes an error the caller can retry; each call's idempotency key is derived from what it is for.
import type { PaymentMethod, PaymentRequest, StoredPaymentMethod } from '../../contract/index.ts';
import type { PaymentRow } from '../../db/payments.ts';
import { DomainError } from '../../domain/errors.ts';
import { providerIdempotencyKey } from '../../domain/orders/codes.ts';
import type { Faults } from '../ports.ts';
import { assertShopUrl } from './shop-origins.ts';
import {
  PaymentUnavailableError,
  type CheckoutSession,
  type CompletionResult,
  type PaymentProvider,
  type PaymentProviders,
} from './ports.ts';

/** Paid through a provider's hosted checkout (the others are paid at the counter). */
export const WEB_PAYMENT_METHODS = ['amazon_pay', 'sandbox'] as const;

export const isWebPayment = (method: StoredPaymentMethod): method is PaymentProvider['method'] =>
  (WEB_PAYMENT_METHODS as readonly StoredPaymentMethod[]).includes(method);

export class PaymentGateway {
  constructor(
    private readonly providers: PaymentProviders,
    /** The crash test's stops around the completion call; a no-op everywhere else. */
    private readonly faults: Faults,
    /** The shop's origins: the only places a buyer is sent back to after paying (none: every web payment refused). */
    private readonly shopOrigins: () => readonly string[] = () => [],
  ) {}

  /** A web payment's return address is on the shop's origins, or the request is refused on `field` (400). */
  assertReturnUrl(request: PaymentRequest, field: string): void {
    if (request.method === 'amazon_pay' || request.method === 'sandbox') {
      assertShopUrl(request.returnUrl, this.shopOrigins(), field);
    }
  }

  /** The web payment methods this deployment offers (the providers configured). */
  webMethods(): PaymentProvider['method'][] {
    return WEB_PAYMENT_METHODS.filter((method) => this.providers[method] !== undefined);
  }

  /** Cash and the card terminal are always taken; a web method only when its provider is configured. */
  offers(method: PaymentMethod): boolean {
    return method === 'cash' || method === 'card_terminal' || this.providers[method] !== undefined;
  }

  providerFor(method: PaymentRow['method']): PaymentProvider {
    const provider = isWebPayment(method) ? this.providers[method] : undefined;
    if (!provider) throw new Error(`no payment provider for ${method}`);
    return provider;
  }

  /** The provider's approval page for a web payment; the buyer comes back to the payment's return address. */
  async openCheckout(payment: PaymentRow, order: { id: string; code: string }): Promise<CheckoutSession> {
    try {
      return await this.providerFor(payment.method).createCheckout({
        amount: { amount: payment.amount, currency: payment.currency },
        idempotencyKey: providerIdempotencyKey(payment.id, 'checkout'),
        returnUrl: withOrderId(payment.redirect_url!, order.id),
        reference: order.code,
      });
    } catch (error) {
      if (error instanceof PaymentUnavailableError) {
        throw new DomainError('payment_unavailable', 'The payment provider did not answer in time; try again.', {
          retryable: true,
        });
      }
      throw error;
    }
  }

  /** Completes an approved payment for its amount: captured, or declined with the provider's reason. */
  async complete(payment: PaymentRow): Promise<CompletionResult> {
    const provider = this.providerFor(payment.method);
    await this.faults.reached('before_provider');
    let result;
    try {
      result = await provider.complete({
        sessionId: payment.provider_session_id!,
        amount: { amount: payment.amount, currency: payment.currency },
        idempotencyKey: providerIdempotencyKey(payment.id, 'complete'),
      });
    } catch (error) {
      if (error instanceof PaymentUnavailableError) {
        throw new DomainError(
          'payment_unavailable',
          'The payment provider did not answer in time; try again with the same Idempotency-Key.',
          { retryable: true },
        );
      }
      throw error;
    }
    await this.faults.reached('after_provider');
    return result;
  }

  /** Gives a refund's amount back on the payment's charge (unavailability is left to the outbox to retry). */
  refund(payment: PaymentRow, refund: { id: string; amount: number; currency: string }): Promise<{ refundId: string }> {
    return this.providerFor(payment.method).refund({
      chargeId: payment.provider_charge_id!,
      amount: { amount: refund.amount, currency: refund.currency },
      idempotencyKey: providerIdempotencyKey(refund.id, 'refund'),
    });
  }
}

function withOrderId(returnUrl: string, orderId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('orderId', orderId);
  return url.toString();
}
