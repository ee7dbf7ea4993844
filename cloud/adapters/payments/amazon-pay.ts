// Amazon Pay (Checkout v2) behind the payments port: a checkout session with the amount and the buyer's return URL
// (the buyer approves on Amazon's page), completion for the amount (AuthorizeWithCapture: one charge), refunds.
// Requests are signed by the official SDK (@amazonpay/amazon-pay-api-sdk-nodejs) and sent with fetch, with a
// deadline, so a slow answer becomes PaymentUnavailableError and the caller retries with the same idempotency key.
import amazonPaySdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { z } from 'zod';
import type { Money } from '../../contract/index.ts';
import { minorToDecimal } from '../../domain/pricing/currency.ts';
import {
  PaymentUnavailableError,
  type CheckoutRequest,
  type CheckoutSession,
  type CompletionRequest,
  type CompletionResult,
  type RefundRequest,
  type PaymentProvider,
} from '../../services/payments/ports.ts';

// The SDK is CommonJS without types (declared in amazon-pay-sdk.d.ts): only its request signing is used. A static
// import, so the Lambda bundle carries it.
const { WebStoreClient } = amazonPaySdk;

export const AmazonPayConfig = z.object({
  publicKeyId: z.string().min(1),
  /** The PEM private key registered with Amazon Pay. */
  privateKey: z.string().includes('PRIVATE KEY'),
  region: z.enum(['eu', 'na', 'jp', 'us', 'uk', 'de']),
  sandbox: z.boolean(),
  storeId: z.string().min(1),
  /** Where the API is, when not Amazon's endpoint for the region (a proxy, or a test double). */
  baseUrl: z.url().optional(),
  timeoutMs: z.int().positive().default(10_000),
});
export type AmazonPayConfig = z.input<typeof AmazonPayConfig>;

const ENDPOINTS: Record<string, string> = {
  eu: 'https://pay-api.amazon.eu',
  uk: 'https://pay-api.amazon.eu',
  de: 'https://pay-api.amazon.eu',
  na: 'https://pay-api.amazon.com',
  us: 'https://pay-api.amazon.com',
  jp: 'https://pay-api.amazon.jp',
};

/** Amazon Pay takes amounts as decimal strings; minor units to that, per the currency's exponent. */
export function toAmazonAmount(money: Money): { amount: string; currencyCode: string } {
  return { amount: minorToDecimal(money.amount, money.currency), currencyCode: money.currency };
}

/** Reason codes of a completion that will not succeed by retrying: the buyer or the bank said no. */
const DECLINES = new Set([
  'CheckoutSessionCanceled',
  'InvalidCheckoutSessionStatus',
  'HardDeclined',
  'SoftDeclined',
  'PaymentMethodNotAllowed',
  'AmazonRejected',
  'TransactionAmountExceeded',
]);

class AmazonPayError extends Error {
  constructor(
    readonly status: number,
    readonly reasonCode: string,
    message: string,
  ) {
    super(`Amazon Pay ${status} ${reasonCode}: ${message}`);
  }
}

export class AmazonPayProvider implements PaymentProvider {
  readonly method = 'amazon_pay' as const;
  private readonly config: z.output<typeof AmazonPayConfig>;
  private readonly client: InstanceType<typeof WebStoreClient>;

  constructor(config: AmazonPayConfig) {
    this.config = AmazonPayConfig.parse(config);
    this.client = new WebStoreClient({
      publicKeyId: this.config.publicKeyId,
      privateKey: this.config.privateKey,
      region: this.config.region,
      sandbox: this.config.sandbox,
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
  }

  /** Configured from AMAZON_PAY_* environment variables; null when they are not set (the default). */
  static fromEnv(env: NodeJS.ProcessEnv): AmazonPayProvider | null {
    if (!env.AMAZON_PAY_PUBLIC_KEY_ID) return null;
    return new AmazonPayProvider({
      publicKeyId: env.AMAZON_PAY_PUBLIC_KEY_ID,
      privateKey: env.AMAZON_PAY_PRIVATE_KEY ?? '',
      region: (env.AMAZON_PAY_REGION ?? 'eu') as 'eu',
      sandbox: env.AMAZON_PAY_SANDBOX !== 'false',
      storeId: env.AMAZON_PAY_STORE_ID ?? '',
      ...(env.AMAZON_PAY_BASE_URL ? { baseUrl: env.AMAZON_PAY_BASE_URL } : {}),
    });
  }

  async createCheckout(input: CheckoutRequest): Promise<CheckoutSession> {
    const session = await this.call<{
      checkoutSessionId: string;
      webCheckoutDetails: { amazonPayRedirectUrl: string | null };
    }>('POST', 'checkoutSessions', input.idempotencyKey, {
      webCheckoutDetails: { checkoutResultReturnUrl: input.returnUrl, checkoutMode: 'ProcessOrder' },
      storeId: this.config.storeId,
      chargePermissionType: 'OneTime',
      paymentDetails: {
        paymentIntent: 'AuthorizeWithCapture',
        canHandlePendingAuthorization: false,
        chargeAmount: toAmazonAmount(input.amount),
      },
      merchantMetadata: { merchantReferenceId: input.reference, merchantStoreName: 'TicketBoss' },
    });
    if (!session.webCheckoutDetails.amazonPayRedirectUrl) {
      throw new PaymentUnavailableError('Amazon Pay gave no redirect URL for the checkout session');
    }
    return { sessionId: session.checkoutSessionId, redirectUrl: session.webCheckoutDetails.amazonPayRedirectUrl };
  }

  async complete(input: CompletionRequest): Promise<CompletionResult> {
    try {
      const session = await this.call<{
        chargeId: string | null;
        statusDetails: { state: string; reasonCode?: string };
      }>('POST', `checkoutSessions/${encodeURIComponent(input.sessionId)}/complete`, input.idempotencyKey, {
        chargeAmount: toAmazonAmount(input.amount),
      });
      if (session.statusDetails.state === 'Completed' && session.chargeId) {
        return { outcome: 'captured', chargeId: session.chargeId };
      }
      return { outcome: 'declined', reason: session.statusDetails.reasonCode ?? session.statusDetails.state };
    } catch (error) {
      if (error instanceof AmazonPayError && DECLINES.has(error.reasonCode)) {
        return { outcome: 'declined', reason: error.reasonCode };
      }
      throw error;
    }
  }

  async refund(input: RefundRequest): Promise<{ refundId: string }> {
    const refund = await this.call<{ refundId: string }>('POST', 'refunds', input.idempotencyKey, {
      chargeId: input.chargeId,
      refundAmount: toAmazonAmount(input.amount),
      softDescriptor: 'TicketBoss refund',
    });
    return { refundId: refund.refundId };
  }

  private async call<T>(method: string, path: string, idempotencyKey: string, body: object): Promise<T> {
    const options = {
      method,
      urlFragment: path,
      payload: JSON.stringify(body),
      headers: { 'x-amz-pay-idempotency-key': idempotencyKey },
    };
    // Signing also prefixes the path with the environment and API version (sandbox/v2/…), in options.
    const headers = this.client.getSignedHeaders(options);
    const base = this.config.baseUrl ?? ENDPOINTS[this.config.region]!;
    let response: Response;
    try {
      response = await fetch(`${base.replace(/\/$/, '')}/${options.urlFragment}`, {
        method,
        headers,
        body: options.payload,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      throw new PaymentUnavailableError(`Amazon Pay did not answer: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new PaymentUnavailableError(`Amazon Pay answered ${response.status}`);
    }
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!response.ok) {
      throw new AmazonPayError(response.status, String(parsed.reasonCode ?? 'Unknown'), String(parsed.message ?? ''));
    }
    return parsed as T;
  }
}
