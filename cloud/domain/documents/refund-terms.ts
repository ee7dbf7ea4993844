// The refund terms a buyer reads in their email, in words, from the event's own refund policy: until when they may
// ask (in the venue's time zone), what is kept, and what comes back. One source, so the email cannot promise what
// the refund request would refuse.
import type { RefundPolicy } from '../../contract/index.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { refundDeadline } from '../pricing/refunds.ts';

const BOX_OFFICE = 'Tickets paid at a box office are refunded there.';
const TIMING = 'Refunds go back to the way you paid within 5 working days.';

export function refundTerms(
  policy: RefundPolicy | null,
  event: { startsAt: string; timezone: string; currency: string },
): string {
  const deadline = policy ? refundDeadline(new Date(event.startsAt), policy) : null;
  if (!policy || !deadline) {
    return 'Tickets cannot be refunded on request. If the event is cancelled or moved, you are told how to get your money back.';
  }
  const fee = policy.refundFee;
  const kept = [
    fee?.kind === 'fixed' && fee.amount > 0
      ? `${formatMoney({ amount: fee.amount, currency: event.currency })} per ticket is kept.`
      : null,
    fee?.kind === 'percent' && fee.basisPoints > 0
      ? `${percent(fee.basisPoints)} of each ticket's price is kept.`
      : null,
    policy.refundServiceFees ? null : 'Service fees are not refunded.',
  ].filter((words): words is string => words !== null);
  return [
    `You can ask for a refund on your order page until ${formatDateTime(deadline.toISOString(), event.timezone)}.`,
    ...kept,
    TIMING,
    BOX_OFFICE,
  ].join(' ');
}

/** 1250 basis points → "12.5 %". */
function percent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })} %`;
}
