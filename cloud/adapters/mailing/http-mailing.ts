// The mailing service over HTTP (see README.md beside this file): POST /v1/shipments with the API key and the order
// id as Idempotency-Key, so a retried submission makes one shipment. Configured from MAILING_BASE_URL and
// MAILING_API_KEY; the local stand-in is used when they are not set.
import {
  MailingUnavailableError,
  type MailingService,
  type ShipmentRequest,
} from '../../services/fulfilment/mailing.ts';

export class HttpMailingService implements MailingService {
  constructor(private readonly options: { baseUrl: string; apiKey: string; callbackUrl: string; timeoutMs?: number }) {}

  static fromEnv(env: NodeJS.ProcessEnv, callbackUrl: string): HttpMailingService | null {
    if (!env.MAILING_BASE_URL || !env.MAILING_API_KEY) return null;
    return new HttpMailingService({ baseUrl: env.MAILING_BASE_URL, apiKey: env.MAILING_API_KEY, callbackUrl });
  }

  async submit(request: ShipmentRequest): Promise<{ shipmentId: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl.replace(/\/$/, '')}/v1/shipments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.apiKey}`,
          'idempotency-key': request.orderId,
        },
        body: JSON.stringify({
          reference: request.orderId,
          orderCode: request.orderCode,
          recipient: request.recipient,
          event: { name: request.eventName, when: request.when, venue: request.venue },
          items: request.tickets.map((t) => ({ ticketId: t.ticketId, label: t.place, barcode: t.code })),
          callbackUrl: this.options.callbackUrl,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new MailingUnavailableError(`The mailing service cannot be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) {
      throw new MailingUnavailableError(`The mailing service answered ${response.status}`);
    }
    if (!response.ok) throw new Error(`The mailing service refused the shipment (${response.status}): ${text}`);
    const body = JSON.parse(text) as { id?: unknown };
    if (typeof body.id !== 'string') throw new Error('The mailing service answered without a shipment id');
    return { shipmentId: body.id };
  }
}
