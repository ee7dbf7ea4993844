// Money and dates for people, in the language the screen shows (renderer/i18n: the user's choice, else the browser's):
// the shared formatting (cloud/domain/format.ts) with that locale, and the hold countdown.
import type { Money } from '../../cloud/contract/index.ts';
import { formatDateTime as formatDateTimeIn, formatMoney as formatMoneyIn } from '../../cloud/domain/format.ts';
import { formattingLocale } from '../i18n/i18n.ts';

export const formatMoney = (money: Money, locale: string = formattingLocale()): string => formatMoneyIn(money, locale);

export const formatDateTime = (iso: string, timeZone: string, locale: string = formattingLocale()): string =>
  formatDateTimeIn(iso, timeZone, locale);

export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
