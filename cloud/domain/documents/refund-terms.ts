// The refund terms a buyer reads in their email, in words of their language (documents.json), from the event's own
// refund policy: until when they may ask (in the venue's time zone), what is kept, and what comes back. One source,
// so the email cannot promise what the refund request would refuse.
import type { RefundPolicy } from '../../contract/index.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { refundDeadline } from '../pricing/refunds.ts';
import { documentWords, FORMATTING_LOCALE, type DocumentLocale } from '../i18n/index.ts';

export function refundTerms(
  policy: RefundPolicy | null,
  event: { startsAt: string; timezone: string; currency: string },
  locale: DocumentLocale = 'en',
): string {
  const t = documentWords(locale);
  const tag = FORMATTING_LOCALE[locale];
  const deadline = policy ? refundDeadline(new Date(event.startsAt), policy) : null;
  if (!policy || !deadline) return t('documents.refund.none');
  const fee = policy.refundFee;
  const kept = [
    fee?.kind === 'fixed' && fee.amount > 0
      ? t('documents.refund.feeFixed', { fee: formatMoney({ amount: fee.amount, currency: event.currency }, tag) })
      : null,
    fee?.kind === 'percent' && fee.basisPoints > 0
      ? t('documents.refund.feePercent', { percent: percent(fee.basisPoints, tag) })
      : null,
    policy.refundServiceFees ? null : t('documents.refund.serviceFees'),
  ].filter((words): words is string => words !== null);
  return [
    t('documents.refund.until', { deadline: formatDateTime(deadline.toISOString(), event.timezone, tag) }),
    ...kept,
    t('documents.refund.timing'),
    t('documents.refund.boxOffice'),
  ].join(' ');
}

/** 1250 basis points → "12.5 %" ("12,5 %" in German). */
function percent(basisPoints: number, tag: string): string {
  return `${(basisPoints / 100).toLocaleString(tag, { maximumFractionDigits: 2 })} %`;
}
