// Prices in the event's currency with Intl, dates in the venue's time zone, and the hold countdown.
import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDateTime, formatMoney } from '../../../renderer/ui/format.ts';
import { isoDayIn } from '../../../cloud/domain/format.ts';

describe('formatting for people', () => {
  it('formats minor units in the currency, with its own number of decimals', () => {
    expect(formatMoney({ amount: 12_950, currency: 'EUR' }, 'de-DE')).toBe('129,50\u00a0€');
    expect(formatMoney({ amount: 12_950, currency: 'GBP' }, 'en-GB')).toBe('£129.50');
    expect(formatMoney({ amount: 4_500, currency: 'JPY' }, 'ja-JP')).toBe('￥4,500');
    // ISO 4217's minor units, the ones amounts are stored in, even where Intl would show fewer (HUF) or more digits.
    expect(formatMoney({ amount: 12_500, currency: 'KWD' }, 'en-GB')).toBe('KWD 12.500');
    expect(formatMoney({ amount: 150_050, currency: 'HUF' }, 'en-GB')).toBe('HUF 1,500.50');
  });

  it('shows times in the venue’s zone, whatever the buyer’s', () => {
    const startsAt = '2026-12-08T18:00:00Z';
    expect(formatDateTime(startsAt, 'Europe/Vienna', 'en-GB')).toContain('19:00');
    expect(formatDateTime(startsAt, 'America/New_York', 'en-GB')).toContain('13:00');
  });

  it('names the day an instant falls on in the venue’s zone, not in UTC (a report’s default days)', () => {
    // 23:45 in London is already the next day in Vienna, and still the day before in New York.
    const lateEvening = Date.parse('2026-12-07T23:45:00Z');
    expect(isoDayIn(lateEvening, 'Europe/Vienna')).toBe('2026-12-08');
    expect(isoDayIn(lateEvening, 'Europe/London')).toBe('2026-12-07');
    expect(isoDayIn(Date.parse('2026-12-08T03:00:00Z'), 'America/New_York')).toBe('2026-12-07');
    expect(isoDayIn(new Date('2027-01-01T00:30:00+01:00'), 'Europe/Berlin')).toBe('2027-01-01');
  });

  it('counts down in minutes and seconds, never below zero', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(5_000)).toBe('0:05');
    expect(formatCountdown(-3_000)).toBe('0:00');
  });
});
