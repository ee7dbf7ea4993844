// Refunds: never more than was paid, in any sequence; a cancellation gives back exactly what is left; the policy's
// deadline, refund fee and fee rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PriceBreakdown, RefundBreakdown, RefundPolicy } from '../../../../cloud/contract/index.ts';
import { priceOrder } from '../../../../cloud/domain/pricing/price-order.ts';
import { allocateRefund } from '../../../../cloud/domain/pricing/refund-allocation.ts';
import { paidParts } from '../../../../cloud/domain/pricing/refund-parts.ts';
import { cancellationRefund, refundAmounts, refundDeadline } from '../../../../cloud/domain/pricing/refunds.ts';
import { orderInput } from './arbitraries.ts';

const STARTS = new Date('2030-06-01T19:30:00Z');
const BEFORE = new Date('2030-05-01T12:00:00Z');

const policyArb: fc.Arbitrary<RefundPolicy> = fc.record({
  refundableUntilDaysBefore: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  refundFee: fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant('fixed' as const), amount: fc.integer({ min: 0, max: 5_000 }) }),
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
  ),
  refundServiceFees: fc.boolean(),
  refundOrderFee: fc.boolean(),
  refundDeliveryFee: fc.boolean(),
});

const action = fc.oneof(
  fc.record({
    kind: fc.constant('tickets' as const),
    pick: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    cause: fc.constantFrom('buyer' as const, 'organizer' as const),
    policy: policyArb,
    now: fc.integer({ min: 0, max: 90 }).map((days) => new Date(STARTS.getTime() - days * 86_400_000)),
  }),
  fc.record({ kind: fc.constant('amount' as const), fraction: fc.double({ min: 0, max: 1.2, noNaN: true }) }),
);

const cash = (refunds: RefundBreakdown[]) => refunds.reduce((sum, r) => sum + r.total, 0);
const credited = (refunds: RefundBreakdown[]) => refunds.reduce((sum, r) => sum + r.total + r.refundFee, 0);
const taxOf = (refunds: RefundBreakdown[]) => refunds.reduce((sum, r) => sum + r.tax, 0);

/** Every part of every refund is whole and ≥ 0, its tax no more than it, and the refund's totals are its parts'. */
function expectWellFormed(refund: RefundBreakdown) {
  const parts = [...refund.tickets.flatMap((t) => [t.ticket, t.serviceFee]), refund.orderFee, refund.deliveryFee];
  for (const part of parts) {
    expect(part.credited).toBeGreaterThanOrEqual(0);
    expect(part.tax).toBeGreaterThanOrEqual(0);
    expect(part.tax).toBeLessThanOrEqual(part.credited);
  }
  expect(refund.total).toBeGreaterThanOrEqual(0);
  expect(refund.total + refund.refundFee).toBe(parts.reduce((sum, part) => sum + part.credited, 0));
}

describe('refunds', () => {
  it('a cancellation of an unrefunded order gives back exactly its total and its tax', () => {
    fc.assert(
      fc.property(orderInput, (input) => {
        const b = priceOrder(input);
        const refund = cancellationRefund(b);
        expectWellFormed(refund);
        expect(refund.total).toBe(b.totals.total);
        expect(refund.tax).toBe(b.totals.tax);
        expect(refund.tickets.every((t) => t.returned)).toBe(true);
      }),
    );
  });

  it('no sequence of refunds gives back more than was paid, and the cancellation after it the exact rest', () => {
    fc.assert(
      fc.property(orderInput, fc.array(action, { maxLength: 6 }), (input, actions) => {
        const b = priceOrder(input);
        const done: RefundBreakdown[] = [];
        for (const step of actions) {
          const result =
            step.kind === 'amount'
              ? allocateRefund(b, Math.max(1, Math.floor(b.totals.total * step.fraction)), done)
              : refundAmounts({
                  breakdown: b,
                  lineIds: b.tickets.length ? step.pick.map((i) => b.tickets[i % b.tickets.length]!.lineId) : ['x'],
                  policy: step.policy,
                  eventStartsAt: STARTS,
                  now: step.now,
                  cause: step.cause,
                  previous: done,
                });
          if (result.ok) {
            expectWellFormed(result.value);
            done.push(result.value);
          }
          expect(cash(done)).toBeLessThanOrEqual(b.totals.total);
          expect(credited(done)).toBeLessThanOrEqual(b.totals.total);
          expect(taxOf(done)).toBeLessThanOrEqual(b.totals.tax);
        }
        const last = cancellationRefund(b, done);
        expectWellFormed(last);
        expect(credited([...done, last])).toBe(b.totals.total);
        expect(taxOf([...done, last])).toBe(b.totals.tax);
        expect(cash([...done, last])).toBeLessThanOrEqual(b.totals.total);
        expect(cancellationRefund(b, [...done, last]).total).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a buyer gets back at most what those tickets cost, and fees only by the policy', () => {
    fc.assert(
      fc.property(orderInput, policyArb, fc.array(fc.boolean(), { maxLength: 12 }), (input, policy, picks) => {
        const b = priceOrder(input);
        const lineIds = b.tickets.filter((_, i) => picks[i]).map((t) => t.lineId);
        const result = refundAmounts({
          breakdown: b,
          lineIds,
          policy,
          eventStartsAt: STARTS,
          now: BEFORE,
          cause: 'buyer',
        });
        if (policy.refundableUntilDaysBefore === null || policy.refundableUntilDaysBefore > 31) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const refund = result.value;
        const paid = paidParts(b);
        for (const line of refund.tickets) {
          const paidLine = paid.tickets.find((t) => t.lineId === line.lineId)!;
          expect(line.ticket).toEqual(paidLine.ticket);
          expect(line.serviceFee).toEqual(policy.refundServiceFees ? paidLine.serviceFee : { credited: 0, tax: 0 });
          expect(line.refundFee).toBeLessThanOrEqual(line.ticket.credited + line.serviceFee.credited);
        }
        const all = lineIds.length === b.tickets.length;
        expect(refund.orderFee.credited).toBe(all && policy.refundOrderFee ? b.orderFee.total : 0);
        expect(refund.deliveryFee.credited).toBe(all && policy.refundDeliveryFee ? b.deliveryFee.total : 0);
        const ofLines = b.tickets.filter((t) => lineIds.includes(t.lineId)).reduce((sum, t) => sum + t.total, 0);
        expect(refund.total).toBeLessThanOrEqual(ofLines + b.orderFee.total + b.deliveryFee.total);
      }),
    );
  });

  const UK: PriceBreakdown = priceOrder({
    currency: 'GBP',
    lines: ['A1', 'A2'].map((lineId) => ({ lineId, tierId: 'stalls', ticketTypeId: 'adult', price: 4500 })),
    fees: {
      currency: 'GBP',
      serviceFee: { kind: 'fixed', amount: 150 },
      orderFee: { kind: 'fixed', amount: 200 },
      deliveryFees: [{ method: 'mail', amount: 250 }],
    },
    deliveryMethod: 'mail',
    tax: { ratePpm: 200_000, mode: 'inclusive', feesTaxable: true },
  });
  const POLICY: RefundPolicy = {
    refundableUntilDaysBefore: 7,
    refundFee: { kind: 'percent', basisPoints: 1_000 },
    refundServiceFees: false,
    refundOrderFee: true,
    refundDeliveryFee: false,
  };
  const buyer = { breakdown: UK, policy: POLICY, eventStartsAt: STARTS, now: BEFORE, cause: 'buyer' as const };

  it('example: a buyer returns one of two £45 tickets, 10 % kept, then the other', () => {
    const first = refundAmounts({ ...buyer, lineIds: ['A1'] });
    expect(first).toMatchObject({
      ok: true,
      value: { total: 4050, refundFee: 450, tax: 750, orderFee: { credited: 0 }, deliveryFee: { credited: 0 } },
    });
    if (!first.ok) return;
    expect(refundAmounts({ ...buyer, lineIds: ['A1'], previous: [first.value] })).toMatchObject({
      ok: false,
      errors: [{ code: 'already_refunded', lineId: 'A1' }],
    });
    // The last ticket brings the £2.00 order fee back (the policy says so), not the £2.50 postage.
    const second = refundAmounts({ ...buyer, lineIds: ['A2'], previous: [first.value] });
    expect(second).toMatchObject({ ok: true, value: { total: 4050 + 200, orderFee: { credited: 200, tax: 33 } } });
  });

  it('example: the deadline is 7 × 24 h before the start; the organizer has none', () => {
    const deadline = refundDeadline(STARTS, POLICY)!;
    expect(deadline.toISOString()).toBe('2030-05-25T19:30:00.000Z');
    const just = new Date(deadline.getTime() - 1);
    expect(refundAmounts({ ...buyer, lineIds: ['A1'], now: just }).ok).toBe(true);
    expect(refundAmounts({ ...buyer, lineIds: ['A1'], now: deadline })).toMatchObject({
      ok: false,
      errors: [{ code: 'refund_window_closed' }],
    });
    const noRefunds = { ...POLICY, refundableUntilDaysBefore: null };
    expect(refundAmounts({ ...buyer, policy: noRefunds, lineIds: ['A1'] })).toMatchObject({
      ok: false,
      errors: [{ code: 'refund_not_allowed' }],
    });
    const organizer = refundAmounts({
      ...buyer,
      policy: noRefunds,
      lineIds: ['A1', 'A2'],
      now: STARTS,
      cause: 'organizer',
    });
    expect(organizer).toMatchObject({ ok: true, value: { total: UK.totals.total, refundFee: 0 } });
    expect(refundAmounts({ ...buyer, lineIds: ['Z9'] })).toMatchObject({
      ok: false,
      errors: [{ code: 'refund_line_unknown', lineId: 'Z9' }],
    });
  });

  it('example: £10 of goodwill is spread over the parts, and no more than is left can be given', () => {
    const goodwill = allocateRefund(UK, 1000);
    expect(goodwill).toMatchObject({ ok: true, value: { total: 1000, refundFee: 0 } });
    if (!goodwill.ok) return;
    expect(goodwill.value.tickets.every((t) => !t.returned)).toBe(true);
    expect(allocateRefund(UK, UK.totals.total - 999, [goodwill.value])).toMatchObject({
      ok: false,
      errors: [{ code: 'refund_exceeds_remaining' }],
    });
    expect(allocateRefund(UK, UK.totals.total - 1000, [goodwill.value])).toMatchObject({
      ok: true,
      value: { total: UK.totals.total - 1000 },
    });
  });
});
