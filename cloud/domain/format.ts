// Money and dates for people, wherever they are shown (screens, printed tickets, receipts, emails): Intl in the
// event's currency, times in the venue's time zone.
import type { Money } from '../contract/index.ts';
import { minorUnitExponent } from './pricing/currency.ts';

/**
 * How many minor units a currency's major unit has in decimal digits (EUR 2, JPY 0, KWD 3): ISO 4217's, the one rule
 * amounts are stored, charged and shown by (Intl's display digits differ for some, e.g. HUF).
 */
export const fractionDigits = (currency: string) => minorUnitExponent(currency);

// Building an Intl formatter loads its locale's data and costs far more than formatting with it (a tickets email
// formats a dozen amounts and dates): each is made once per locale, currency or zone and kept. The keys come from a
// few locales, the events' currencies and the venues' zones; the cache is emptied should it ever grow past a bound.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let known = formatters.get(key) as F | undefined;
  if (!known) {
    if (formatters.size >= 500) formatters.clear();
    known = make();
    formatters.set(key, known);
  }
  return known;
}

export function formatMoney(money: Money, locale = 'en-GB'): string {
  const digits = fractionDigits(money.currency);
  return formatter(
    `money|${locale}|${money.currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: money.currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(money.amount / 10 ** digits);
}

/** A time of day in the venue's zone ("18:30 CET"), for the doors of an event shown beside its date. */
export function formatTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return formatter(
    `time|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
  ).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return formatter(
    `dateTime|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
  ).format(new Date(iso));
}

/** The calendar day an instant falls on in the venue's zone, as ISO ("2026-12-08"): what its day-based reports take. */
export function isoDayIn(instant: Date | number, timeZone: string): string {
  const parts = formatter(
    `day|${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Text made safe to put inside HTML or SVG markup (element content and quoted attributes). */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
