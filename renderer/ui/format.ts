// Money and dates for people, in the browser's language: the shared formatting (cloud/domain/format.ts) with the
// reader's locale, and the hold countdown.
import type { Money } from '../../cloud/contract/index.ts';
import { formatDateTime as formatDateTimeIn, formatMoney as formatMoneyIn } from '../../cloud/domain/format.ts';

export const formatMoney = (money: Money, locale = navigator.language): string => formatMoneyIn(money, locale);

export const formatDateTime = (iso: string, timeZone: string, locale = navigator.language): string =>
  formatDateTimeIn(iso, timeZone, locale);

export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
