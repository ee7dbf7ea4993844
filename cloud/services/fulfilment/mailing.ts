// Physical tickets through a third-party mailing service: the port, what a shipment says, the webhook's signature
// (HMAC-SHA256 over "timestamp.body", a 5-minute window), and the states it reports. Formats: cloud/adapters/mailing/README.md.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PostalAddress } from '../../contract/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertSafeInput } from '../../domain/input-safety.ts';

export interface ShipmentRequest {
  /** Our order id: the service's idempotency key (one shipment per order however often we ask). */
  orderId: string;
  orderCode: string;
  recipient: PostalAddress;
  eventName: string;
  when: string;
  venue: string;
  /** `place` is what the posted ticket prints beside its barcode (the service's `label`): the seat or standing area,
   * and the ticket type and door check when it has them ("Stalls · Row C · Seat 12 · Concession · Door check: …"). */
  tickets: { ticketId: string; place: string; code: string }[];
}

export interface MailingService {
  /** Asks for the tickets to be printed and posted; answers the service's shipment id. */
  submit(request: ShipmentRequest): Promise<{ shipmentId: string }>;
}

/** The service could not be reached or is overloaded: retried with backoff by the outbox. */
export class MailingUnavailableError extends Error {}

export const ShipmentState = z.enum(['accepted', 'printed', 'shipped', 'delivered', 'returned']);

export const MailingWebhook = z
  .object({
    shipmentId: z.string().min(1).max(100),
    reference: z.uuid().describe('Our order id'),
    status: ShipmentState,
    carrier: z.string().max(60).optional(),
    trackingNumber: z.string().max(100).optional(),
    at: z.iso.datetime({ offset: true }),
  })
  .strict();
export type MailingWebhook = z.infer<typeof MailingWebhook>;

/**
 * The report in a correctly signed webhook, or a 400 problem naming what is wrong with it: a malformed report is
 * final for the service (it does not send it again), where a 500 would have it retry the same report forever.
 */
export function parseMailingReport(body: string): MailingWebhook {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new DomainError('malformed_json', `The report is not valid JSON: ${(error as Error).message}`);
  }
  assertSafeInput(json, 'body');
  const result = MailingWebhook.safeParse(json);
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 20).map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'body',
    message: issue.message,
  }));
  const first = errors[0]!;
  throw new DomainError('validation_failed', `${first.field}: ${first.message}`, { errors, field: first.field });
}

export const SIGNATURE_HEADER = 'x-mailing-signature';
const TOLERANCE_SECONDS = 300;

/** The header value a sender puts on a webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Whether the header is a valid signature of this exact body, made within the last five minutes. */
export function verifyWebhook(secret: string, body: string, header: string | undefined, now: Date): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.trim().split('=', 2)));
  const t = Number(parts.t);
  const given = /^[0-9a-f]{64}$/.test(parts.v1 ?? '') ? Buffer.from(parts.v1!, 'hex') : null;
  if (!Number.isInteger(t) || !given) return false;
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(given, expected);
}
