// Promo and presale codes: what counts as the same code, bulk single-use codes, windows, events and scope.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreatePromoCode, type PromoScope } from '../../../../cloud/contract/index.ts';
import { newAccessCodes } from '../../../../cloud/domain/pricing/access-codes.ts';
import { codeKey, sameCode } from '../../../../cloud/domain/pricing/code-text.ts';
import { assertOnSale } from '../../../../cloud/domain/inventory/hold-rules.ts';
import { checkPresaleCode, saleWindowWith, NO_PRESALE } from '../../../../cloud/domain/pricing/presale.ts';
import { checkPromoCode, promoAppliesTo, type PromoRule } from '../../../../cloud/domain/pricing/promo-codes.ts';
import { TIERS, TYPES } from './arbitraries.ts';

const at = (iso: string) => new Date(iso);

describe('code text', () => {
  it('ignores case, spaces and dashes and reads O as 0, I and L as 1', () => {
    expect(codeKey(' summer-25 ')).toBe('SUMMER25');
    expect(sameCode('Summer 25', 'SUMMER-25')).toBe(true);
    expect(sameCode('GOLD', 'g0ld')).toBe(true);
    expect(sameCode('7K3M-9QXA', '7k3m9qxa')).toBe(true);
    expect(sameCode('SUMMER25', 'SUMMER26')).toBe(false);
    expect(codeKey('ab')).toBeNull();
    expect(codeKey('SUMMER!')).toBeNull();
    expect(sameCode('!!', '!!')).toBe(false);
  });

  it('gives one key to every way of typing a code', () => {
    const spelling = fc.array(fc.constantFrom(...'ABCDEFGHJKMNPQRSTVWXYZ0123456789'), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(spelling, fc.array(fc.constantFrom(' ', '-', ''), { maxLength: 12 }), (chars, seps) => {
        const code = chars.join('');
        const typed = chars.map((c, i) => (i % 2 ? c.toLowerCase() : c) + (seps[i] ?? '')).join('');
        expect(codeKey(typed)).toBe(codeKey(code));
        expect(codeKey(codeKey(code)!)).toBe(codeKey(code));
      }),
    );
  });

  it('makes bulk single-use codes that are readable and all different', () => {
    const codes = newAccessCodes(2_000);
    expect(codes).toHaveLength(2_000);
    expect(new Set(codes.map(codeKey)).size).toBe(2_000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('draws again when the random source repeats, and gives up on one that always does', () => {
    const draws = [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([9, 9, 9, 9, 9])];
    expect(newAccessCodes(2, () => draws.shift()!)).toHaveLength(2);
    expect(() => newAccessCodes(2, () => new Uint8Array(5))).toThrow();
  });
});

const PROMO: PromoRule = {
  eventId: 'event-1',
  code: 'SUMMER-25',
  discount: { kind: 'percent', basisPoints: 2_500 },
  scope: { tierIds: ['tier-a'], ticketTypeIds: null },
  validFrom: '2030-06-01T00:00:00Z',
  validUntil: '2030-07-01T00:00:00Z',
};
const ORDER = {
  eventId: 'event-1',
  currency: 'EUR',
  lines: [
    { lineId: 'A1', tierId: 'tier-a', ticketTypeId: 'adult' },
    { lineId: 'B1', tierId: 'tier-b', ticketTypeId: 'adult' },
  ],
};
const codeOf = (result: ReturnType<typeof checkPromoCode>) => (result.ok ? 'ok' : result.errors[0]!.code);

describe('promo codes', () => {
  it('applies within its window to the lines of its scope', () => {
    expect(checkPromoCode(PROMO, ORDER, at('2030-06-15T12:00:00Z'))).toEqual({ ok: true, value: { lineIds: ['A1'] } });
  });

  it('refuses an unknown code, another event, too early, too late, and no line in scope', () => {
    const mid = at('2030-06-15T12:00:00Z');
    expect(codeOf(checkPromoCode(undefined, ORDER, mid))).toBe('code_unknown');
    expect(codeOf(checkPromoCode(PROMO, { ...ORDER, eventId: 'event-2' }, mid))).toBe('code_other_event');
    expect(codeOf(checkPromoCode(PROMO, ORDER, at('2030-05-31T23:59:59Z')))).toBe('code_not_yet_valid');
    expect(codeOf(checkPromoCode(PROMO, ORDER, at('2030-06-01T00:00:00Z')))).toBe('ok');
    expect(codeOf(checkPromoCode(PROMO, ORDER, at('2030-07-01T00:00:00Z')))).toBe('code_expired');
    expect(codeOf(checkPromoCode(PROMO, { ...ORDER, lines: ORDER.lines.slice(1) }, mid))).toBe('code_not_applicable');
    const fixedUsd = { ...PROMO, discount: { kind: 'fixed' as const, amount: 500, currency: 'USD' } };
    expect(codeOf(checkPromoCode(fixedUsd, ORDER, mid))).toBe('code_not_applicable');
  });

  it('is valid exactly inside its window, and applies exactly to the lines in its scope', () => {
    const scope: fc.Arbitrary<PromoScope> = fc.record({
      tierIds: fc.option(fc.subarray(TIERS, { minLength: 1 }), { nil: null }),
      ticketTypeIds: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: null }),
    });
    const line = fc.record({ tierId: fc.constantFrom(...TIERS), ticketTypeId: fc.constantFrom(...TYPES) });
    const time = fc.integer({ min: 0, max: 1_000 });
    fc.assert(
      fc.property(
        scope,
        fc.array(line, { maxLength: 6 }),
        time,
        fc.option(time),
        fc.option(time),
        (s, ls, t, from, until) => {
          const iso = (n: number | null) => (n === null ? null : new Date(n * 60_000).toISOString());
          const promo = { ...PROMO, scope: s, validFrom: iso(from), validUntil: iso(until) };
          const lines = ls.map((l, i) => ({ ...l, lineId: `L${i}` }));
          const result = checkPromoCode(promo, { ...ORDER, lines }, new Date(t * 60_000));
          const inWindow = (from === null || t >= from) && (until === null || t < until);
          const inScope = lines.filter(
            (l) => (s.tierIds?.includes(l.tierId) ?? true) && (s.ticketTypeIds?.includes(l.ticketTypeId) ?? true),
          );
          expect(inScope.every((l) => promoAppliesTo(promo, l))).toBe(true);
          if (!inWindow) expect(codeOf(result)).toMatch(/^code_(not_yet_valid|expired)$/);
          else if (inScope.length === 0) expect(codeOf(result)).toBe('code_not_applicable');
          else expect(result).toEqual({ ok: true, value: { lineIds: inScope.map((l) => l.lineId) } });
        },
      ),
    );
  });
});

describe('presale codes', () => {
  const event = {
    status: 'on_sale' as const,
    onSaleFrom: at('2030-03-01T09:00:00Z'),
    onSaleUntil: at('2030-06-01T18:00:00Z'),
    perOrderLimit: 10,
  };
  const presale = {
    eventId: 'event-1',
    unlocksTierIds: ['vip'],
    validFrom: '2030-02-26T09:00:00Z',
    validUntil: '2030-03-01T09:00:00Z',
  };

  it('opens sales early and unlocks hidden tiers for its holder only', () => {
    const early = at('2030-02-27T10:00:00Z');
    const checked = checkPresaleCode(presale, 'event-1', early);
    expect(checked).toEqual({
      ok: true,
      value: { unlockedTierIds: ['vip'], salesOpenFrom: at('2030-02-26T09:00:00Z') },
    });
    if (!checked.ok) return;
    expect(() => assertOnSale(saleWindowWith(event, checked.value), early)).not.toThrow();
    expect(() => assertOnSale(saleWindowWith(event, NO_PRESALE), early)).toThrow(/Sales open/);
    expect(saleWindowWith(event, checked.value).onSaleUntil).toBe(event.onSaleUntil);
  });

  it('never narrows the public window, and refuses codes out of their window or for another event', () => {
    const late = { unlockedTierIds: [], salesOpenFrom: at('2030-04-01T00:00:00Z') };
    expect(saleWindowWith(event, late)).toBe(event);
    const codeAt = (iso: string, eventId = 'event-1') => {
      const result = checkPresaleCode(presale, eventId, at(iso));
      return result.ok ? 'ok' : result.errors[0]!.code;
    };
    expect(codeAt('2030-02-26T08:59:59Z')).toBe('code_not_yet_valid');
    expect(codeAt('2030-03-01T09:00:00Z')).toBe('code_expired');
    expect(codeAt('2030-02-28T00:00:00Z', 'event-2')).toBe('code_other_event');
    expect(checkPresaleCode(null, 'event-1', at('2030-02-28T00:00:00Z'))).toMatchObject({
      ok: false,
      errors: [{ code: 'code_unknown' }],
    });
  });
});

describe('codes the contract accepts', () => {
  it('always have a lookup key', () => {
    const base = { eventId: '4b1f3c1e-7a53-4c33-9f6a-0d4d5bb3c0a1', discount: { kind: 'percent', basisPoints: 100 } };
    expect(CreatePromoCode.safeParse({ ...base, code: 'A-B' }).success).toBe(false);
    expect(CreatePromoCode.safeParse({ ...base, code: 'SUMMER--25' }).success).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aBz09OIL -_!'), maxLength: 40 }), (text) => {
        const parsed = CreatePromoCode.safeParse({ ...base, code: text });
        if (parsed.success) expect(codeKey(parsed.data.code)).not.toBeNull();
      }),
    );
  });
});
