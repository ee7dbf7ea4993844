// The refund terms in a buyer's email come from the event's own policy: the deadline in the venue's time zone (the
// same instant a refund request is refused from), what is kept, and nothing promised when there are no refunds.
import { describe, expect, it } from 'vitest';
import { refundTerms } from '../../../cloud/domain/documents/refund-terms.ts';
import { refundDeadline } from '../../../cloud/domain/pricing/refunds.ts';

const event = { startsAt: '2027-05-12T18:00:00Z', timezone: 'Europe/Zurich', currency: 'CHF' };
const policy = {
  refundableUntilDaysBefore: 2,
  refundFee: null,
  refundServiceFees: true,
  refundOrderFee: false,
  refundDeliveryFee: false,
};

describe('refundTerms', () => {
  it('says until when, in the venue’s zone, at the instant requests are refused from', () => {
    const words = refundTerms(policy, event);
    expect(refundDeadline(new Date(event.startsAt), policy)!.toISOString()).toBe('2027-05-10T18:00:00.000Z');
    expect(words).toContain('until Mon, 10 May 2027, 20:00 CEST'); // 18:00 UTC is 20:00 in Zurich in May
    expect(words).not.toContain('kept');
    expect(words).not.toContain('Service fees');
  });

  it('names a fixed or percent fee kept and service fees not given back', () => {
    const fixed = refundTerms(
      { ...policy, refundFee: { kind: 'fixed', amount: 250 }, refundServiceFees: false },
      event,
    );
    expect(fixed).toMatch(/CHF\s?2\.50 per ticket is kept\./);
    expect(fixed).toContain('Service fees are not refunded.');
    const yen = refundTerms({ ...policy, refundFee: { kind: 'fixed', amount: 500 } }, { ...event, currency: 'JPY' });
    expect(yen).toMatch(/(¥|JP¥)500 per ticket/);
    expect(refundTerms({ ...policy, refundFee: { kind: 'percent', basisPoints: 1250 } }, event)).toContain(
      "12.5 % of each ticket's price is kept.",
    );
  });

  it('promises no refund on request when the event allows none', () => {
    for (const none of [null, { ...policy, refundableUntilDaysBefore: null }]) {
      const words = refundTerms(none, event);
      expect(words).toContain('cannot be refunded on request');
      expect(words).not.toContain('until');
    }
  });
});
