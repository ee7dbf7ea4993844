// The main process's notices in words: a sale's, exchange's or refund's outcome comes over the bridge as a stable code
// with its amounts (preload/bridge.ts, DeviceNotice), and is worded here in the shown language, its money formatted
// for it. The words are in the kiosk area (kiosk.notice.*), which every machine loads. A cloud refusal passed on is
// said by its problem type, like any other refusal (problemWords).
import type { DeviceNotice } from '../../../preload/bridge.ts';
import type { Translate } from '../../i18n/index.ts';
import { problemWords } from '../../i18n/problem-words.ts';
import { formatMoney } from '../../ui/format.ts';

/** The stable code at the end of a problem type, e.g. `seats_unavailable`. */
export const problemCode = (type: string): string => type.split('/').pop() ?? 'generic';

/** The notice as one sentence (or two) in the shown language. */
export function noticeWords(t: Translate, notice: DeviceNotice): string {
  switch (notice.code) {
    case 'paid':
      return t('kiosk.notice.paid');
    case 'paid_no_change':
      return t('kiosk.notice.paidNoChange');
    case 'give_change':
      return t('kiosk.notice.giveChange', { amount: formatMoney(notice.amount) });
    case 'paid_queued':
      return t('kiosk.notice.paidQueued');
    case 'sales_paused_offline':
      return t('kiosk.notice.salesPausedOffline');
    case 'card_declined':
      return notice.reason === 'issuer' ? t('kiosk.notice.declinedByIssuer') : t('kiosk.notice.declined');
    case 'terminal_timeout':
      return t('kiosk.notice.terminalTimeout');
    case 'card_removed':
      return t('kiosk.notice.cardRemoved');
    case 'not_confirmed':
      return t('kiosk.notice.notConfirmed');
    case 'cloud_refused': {
      const why = problemWords(problemCode(notice.problem.type), notice.problem.detail);
      return notice.cardCancelled ? t('kiosk.notice.cardCancelled', { why }) : why;
    }
    case 'even_exchange':
      return t('kiosk.notice.evenExchange');
    case 'take_difference':
      return t('kiosk.notice.takeDifference', { amount: formatMoney(notice.amount) });
    case 'cash_must_cover':
      return t('kiosk.notice.cashMustCover', { amount: formatMoney(notice.amount) });
    case 'paid_by_card':
      return t('kiosk.notice.paidByCard', { amount: formatMoney(notice.amount) });
    case 'refunded_to_card':
      return t('kiosk.notice.refundedToCard', { amount: formatMoney(notice.amount) });
    case 'hand_back_cash':
      return t('kiosk.notice.handBackCash', { amount: formatMoney(notice.amount) });
    case 'back_online_payment':
      return t('kiosk.notice.backOnlinePayment', { amount: formatMoney(notice.amount) });
    case 'nothing_paid':
      return t('kiosk.notice.nothingPaid');
  }
}
