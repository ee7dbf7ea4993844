// The payments port: a hosted checkout the buyer approves (Amazon Pay, or the sandbox that behaves like it), then
// completion for the amount, and refunds. Every call carries an idempotency key derived from what it is for, so a
// retried call never charges or refunds twice.
import type { Money } from '../../contract/index.ts';

export interface CheckoutSession {
  sessionId: string;
  /** Where the buyer's browser goes to approve the payment. */
  redirectUrl: string;
}

export type CompletionResult = { outcome: 'captured'; chargeId: string } | { outcome: 'declined'; reason: string };

/** The provider did not answer in time, or failed: the outcome is unknown. Retry with the same key. */
export class PaymentUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentUnavailableError';
  }
}

export interface CheckoutRequest {
  amount: Money;
  idempotencyKey: string;
  /** Where the provider sends the buyer back after approval. */
  returnUrl: string;
  /** Shown to the buyer by the provider (the order code). */
  reference: string;
}

export interface CompletionRequest {
  sessionId: string;
  amount: Money;
  idempotencyKey: string;
}

export interface RefundRequest {
  chargeId: string;
  amount: Money;
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly method: 'amazon_pay' | 'sandbox';
  createCheckout(input: CheckoutRequest): Promise<CheckoutSession>;
  complete(input: CompletionRequest): Promise<CompletionResult>;
  refund(input: RefundRequest): Promise<{ refundId: string }>;
}

export type PaymentProviders = Partial<Record<PaymentProvider['method'], PaymentProvider>>;
