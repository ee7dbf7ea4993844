// The mailing service's stand-in for `npm start` and tests: it takes shipments (one per order, like the real one),
// acknowledges each by calling our webhook with a signed "accepted", and can report later states on request, as
// the real service would when the tickets are printed, shipped and delivered.
import { createHash } from 'node:crypto';
import {
  signWebhook,
  type MailingService,
  type MailingWebhook,
  type ShipmentRequest,
} from '../../services/fulfilment/mailing.ts';

export class LocalMailingService implements MailingService {
  readonly shipments = new Map<string, ShipmentRequest & { shipmentId: string }>();

  constructor(
    /** Where our webhook is (known once the server listens). */
    private readonly callbackUrl: () => string,
    private readonly secret: string,
    private readonly acknowledge = true,
  ) {}

  async submit(request: ShipmentRequest): Promise<{ shipmentId: string }> {
    const existing = this.shipments.get(request.orderId);
    if (existing) return { shipmentId: existing.shipmentId };
    const shipmentId = `LOCAL-${createHash('sha256').update(request.orderId).digest('hex').slice(0, 12).toUpperCase()}`;
    this.shipments.set(request.orderId, { ...request, shipmentId });
    if (this.acknowledge) setTimeout(() => void this.report(request.orderId, 'accepted').catch(() => {}), 50);
    return { shipmentId };
  }

  /** Sends a signed status report to our webhook, as the real service does. */
  async report(
    orderId: string,
    status: MailingWebhook['status'],
    extra: { carrier?: string; trackingNumber?: string } = {},
  ): Promise<number> {
    const shipment = this.shipments.get(orderId);
    if (!shipment) throw new Error(`no shipment for ${orderId}`);
    const body = JSON.stringify({
      shipmentId: shipment.shipmentId,
      reference: orderId,
      status,
      ...extra,
      at: new Date().toISOString(),
    } satisfies MailingWebhook);
    const response = await fetch(this.callbackUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-mailing-signature': signWebhook(this.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
    });
    return response.status;
  }
}
