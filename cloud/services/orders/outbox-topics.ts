// The outbox topics orders write: fulfilment runs the emails and the mailing, the refund path the payment refund.
export const OUTBOX_TOPICS = {
  ticketEmail: 'ticket_email',
  receiptEmail: 'receipt_email',
  refundEmail: 'refund_email',
  cancellationEmail: 'cancellation_email',
  physicalMailing: 'physical_mailing',
  paymentRefund: 'payment_refund',
} as const;

/** A job about an order for fulfilment (its payload names the order). */
export const orderJob = (topic: string, orderId: string, id: string = crypto.randomUUID()) => ({
  id,
  topic,
  aggregateId: orderId,
  payload: { orderId },
});
