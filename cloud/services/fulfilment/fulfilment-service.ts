// Fulfilment's outbox jobs: after a sale, the tickets email (every ticket as an image and in one PDF, with the
// receipt) or, for orders delivered another way, the receipt alone. Handlers are idempotent: a job delivered twice
// sends one email (sent_emails by message id), and a provider outage throws so the dispatcher retries with backoff.
import type { Db } from '../../db/port.ts';
import { emailWasSent, recordSentEmail, recordShipment, updateShipment } from '../../db/fulfilment.ts';
import { parseMailingReport, verifyWebhook, type MailingService } from './mailing.ts';
import type { OutboxRow } from '../../db/outbox.ts';
import type { Order } from '../../contract/index.ts';
import { readVenueLogo } from '../../db/venues.ts';
import { printableTickets, ticketSummary } from '../../domain/documents/printable.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { Orders } from '../orders/orders.ts';
import type { Clock } from '../ports.ts';
import type { EmailKind } from './emails.ts';
import { isUndeliverableEmail } from '../../domain/orders/buyers.ts';
import type { EmailSender } from './ports.ts';
import type * as Documents from './compose-documents.ts';
import type { ComposedEmail, DocumentsInput, EventChangeNotice } from './compose-documents.ts';

/** Makes an order's email from what its job read: in this process, or on a document worker (document-workers.ts). */
export type DocumentComposer = (input: DocumentsInput) => Promise<ComposedEmail>;

// Loaded at the first email (PDF, MIME and image code is most of a bundle, and only the job function sends), once: an
// import() per email costs a module-map look-up each time, more under a loader hook.
let documentModule: Promise<typeof Documents> | undefined;
/** The email made in this process (a Lambda's: the job has its CPU to itself). */
export const composeInProcess: DocumentComposer = async (input) =>
  (await (documentModule ??= import('./compose-documents.ts'))).composeDocuments(input);

export interface FulfilmentDeps {
  db: Db;
  orders: Orders;
  catalog: CatalogService;
  contexts: EventContexts;
  email: EmailSender;
  clock: Clock;
  /** The shop's public address, for the order link in emails. */
  publicUrl: () => string;
  /** Posts physical tickets; without one, mail orders wait in the outbox. */
  mailing?: MailingService;
  /** Shared with the mailing service: signs its webhooks. */
  mailingWebhookSecret?: string;
  /** The sender of every email (EMAIL_FROM); emails.ts's FROM by default. */
  from?: string;
  /** passes (issue 19): the wallets offered; the tickets email then shows their badges (to the order page). */
  walletPasses?: { apple: boolean; google: boolean };
  /** Where the documents are made: in this process by default (composeInProcess). */
  composer?: DocumentComposer;
}

export class FulfilmentService {
  constructor(private readonly deps: FulfilmentDeps) {}

  handlers(): Record<string, JobHandler> {
    return {
      [OUTBOX_TOPICS.ticketEmail]: (job) => this.orderEmail(job, 'tickets'),
      [OUTBOX_TOPICS.receiptEmail]: (job) => this.orderEmail(job, 'receipt'),
      [OUTBOX_TOPICS.refundEmail]: (job) => this.orderEmail(job, 'refund'),
      [OUTBOX_TOPICS.cancellationEmail]: (job) => this.orderEmail(job, 'cancellation'),
      [OUTBOX_TOPICS.eventCancelledEmail]: (job) => this.orderEmail(job, 'event_cancelled'),
      [OUTBOX_TOPICS.eventPostponedEmail]: (job) => this.orderEmail(job, 'event_postponed'),
      ...(this.deps.mailing ? { [OUTBOX_TOPICS.physicalMailing]: (job: OutboxRow) => this.mailTickets(job) } : {}),
    };
  }

  /** Asks the mailing service to print and post the order's tickets (idempotent per order at the service). */
  private async mailTickets(job: OutboxRow): Promise<void> {
    const { orderId } = job.payload as { orderId: string };
    const order = await this.deps.orders.queries.viewForJobs(orderId);
    if (order.delivery.method !== 'mail') return;
    const { event, sections } = await this.eventOf(order.eventId);
    const tickets = printableTickets(order, event, sections);
    if (tickets.length === 0) return; // refunded before it was posted
    const { shipmentId } = await this.deps.mailing!.submit({
      orderId,
      orderCode: order.code,
      recipient: order.delivery.address,
      eventName: event.name,
      when: tickets[0]!.when,
      venue: tickets[0]!.venue,
      tickets: tickets.map((t) => ({ ticketId: t.ticketId, place: ticketSummary(t), code: t.code })),
    });
    await recordShipment(this.deps.db, orderId, shipmentId, this.deps.clock.now());
  }

  /** The mailing service's signed status report; which of signature and shipment is not right (a malformed report
   * throws a 400 problem: parseMailingReport). */
  async mailingWebhook(body: string, signature: string | undefined): Promise<'ok' | 'bad_signature' | 'unknown'> {
    const secret = this.deps.mailingWebhookSecret;
    if (!secret || !verifyWebhook(secret, body, signature, this.deps.clock.now())) return 'bad_signature';
    const report = parseMailingReport(body); // boundary
    const known = await updateShipment(this.deps.db, {
      orderId: report.reference,
      shipmentId: report.shipmentId,
      state: report.status,
      ...(report.carrier ? { carrier: report.carrier } : {}),
      ...(report.trackingNumber ? { trackingNumber: report.trackingNumber } : {}),
      at: new Date(report.at),
    });
    return known ? 'ok' : 'unknown';
  }

  private async orderEmail(job: OutboxRow, kind: EmailKind): Promise<void> {
    const { orderId } = job.payload as { orderId: string };
    const order = await this.deps.orders.queries.viewForJobs(orderId);
    if (isUndeliverableEmail(order.buyer.email)) return;
    // An order delivered by email gets one email: its tickets carry the receipt.
    if (kind === 'receipt' && order.delivery.method === 'email') return;
    const messageId = `<${job.id}@ticketboss>`;
    if (await emailWasSent(this.deps.db, messageId)) return;
    const composed = await this.compose(order, kind, messageId, job.payload as EventChangeNotice);
    await this.deps.email.send({ messageId, to: order.buyer.email, raw: composed.raw });
    await recordSentEmail(this.deps.db, {
      messageId,
      jobId: job.id,
      orderId,
      kind,
      recipient: order.buyer.email,
      at: this.deps.clock.now(),
    });
  }

  /** The event as tickets and receipts name it, and its seat map's sections (both cached in process). */
  private async eventOf(eventId: string) {
    const event = await this.deps.catalog.documentEvent(eventId);
    return { event, sections: (await this.deps.contexts.require(eventId)).seatMap.content.sections };
  }

  /** The MIME message for an order (also what bench:fulfilment measures): what it is made of read here, the email
   * made by the composer. */
  async compose(order: Order, kind: EmailKind, messageId: string, change: EventChangeNotice = {}) {
    const { event, sections } = await this.eventOf(order.eventId);
    const logo = event.venue.logoUrl ? await readVenueLogo(this.deps.db, event.venue.id) : null;
    // Only the sections the tickets are in, by name: a stadium's map would otherwise be copied to the worker whole.
    const inOrder = new Set(order.tickets.map((ticket) => ticket.sectionId));
    return (this.deps.composer ?? composeInProcess)({
      kind,
      order,
      messageId,
      change,
      event,
      sections: sections.filter((s) => inOrder.has(s.id)).map(({ id, name }) => ({ id, name })),
      logo,
      issuedAt: this.deps.clock.now(),
      publicUrl: this.deps.publicUrl(),
      orderToken: this.deps.orders.orderAccessToken(order.id),
      ...(this.deps.from ? { from: this.deps.from } : {}),
      ...(this.deps.walletPasses ? { walletPasses: this.deps.walletPasses } : {}),
    });
  }
}
