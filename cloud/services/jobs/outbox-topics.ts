// The outbox topics and the jobs that carry them: orders write them in the transaction that makes them due;
// fulfilment runs the emails and the mailing, the payment refund goes to the provider. Owned here, beside the
// dispatcher that runs them, so writers and handlers agree on one list.
import { randomUUID } from 'node:crypto';
import type { NewOutboxJob } from '../../db/outbox.ts';

export const OUTBOX_TOPICS = {
  ticketEmail: 'ticket_email',
  receiptEmail: 'receipt_email',
  refundEmail: 'refund_email',
  cancellationEmail: 'cancellation_email',
  physicalMailing: 'physical_mailing',
  paymentRefund: 'payment_refund',
  waitlistOfferEmail: 'waitlist_offer_email',
  /** One paid order of a cancelled event: refunded in full, tickets void, the buyer told. */
  eventCancellationRefund: 'event_cancellation_refund',
  eventCancelledEmail: 'event_cancelled_email',
  eventPostponedEmail: 'event_postponed_email',
  /** An export's file written to the export store (admin: exports). */
  exportFile: 'export_file',
  /** A password reset asked for: the job finds out whether the email has an account (so the request cannot tell). */
  passwordResetEmail: 'password_reset_email',
  /** A staff change to carry to the user pool in front (Cognito in AWS): retried until the directory has it. */
  staffDirectory: 'staff_directory',
  /** A customer's sign-up: the job tells the email's owner, by email only (redirects: no enumeration). */
  signUpEmail: 'signup_email',
  /** Wallet passes (issue 19) of these tickets changed (refund, void, transfer, new date): `{ ticketIds }`. */
  ticketPassesUpdate: 'ticket_passes_update',
  /** A ticket transfer's step (sent, accepted, cancelled) told to one side: its sender or its recipient. */
  transferEmail: 'transfer_email',
} as const;

/** A job about an order for fulfilment (its payload names the order). */
export const orderJob = (topic: string, orderId: string, id: string = randomUUID()) => ({
  id,
  topic,
  aggregateId: orderId,
  payload: { orderId },
});

/** A refund to send to the payment provider (retried by the outbox until the provider has it). */
export const refundJob = (refundId: string, orderId: string): NewOutboxJob => ({
  id: randomUUID(),
  topic: OUTBOX_TOPICS.paymentRefund,
  aggregateId: refundId,
  payload: { refundId, orderId },
});

/** Tickets a pass update job carries at most (an event's change is split into jobs of this size). */
export const PASS_UPDATE_BATCH = 200;

/**
 * Jobs that bring these tickets' wallet passes up to date (passes: new version, devices woken, Google patched). Queue
 * them in the transaction of the change; a ticket without a pass handed out costs the job one UPDATE that finds none.
 */
export function passUpdateJobs(ticketIds: readonly string[]): NewOutboxJob[] {
  const jobs: NewOutboxJob[] = [];
  for (let at = 0; at < ticketIds.length; at += PASS_UPDATE_BATCH) {
    const batch = ticketIds.slice(at, at + PASS_UPDATE_BATCH);
    jobs.push({
      id: randomUUID(),
      topic: OUTBOX_TOPICS.ticketPassesUpdate,
      aggregateId: batch[0]!,
      payload: { ticketIds: batch },
    });
  }
  return jobs;
}
