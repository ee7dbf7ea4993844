// The outbox topics orders write: fulfilment runs the first three, the refund path the last.
export const OUTBOX_TOPICS = {
  ticketEmail: 'ticket_email',
  receiptEmail: 'receipt_email',
  physicalMailing: 'physical_mailing',
  paymentRefund: 'payment_refund',
} as const;
