// The basket against the price list: types sold per tier, per-order limits, accompanying adults, hidden tiers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PriceList, TicketType } from '../../../../cloud/contract/index.ts';
import { validateBasket, type BasketLine } from '../../../../cloud/domain/pricing/basket.ts';

const type = (id: string, kind: TicketType['kind'], rules: Partial<TicketType> = {}): TicketType => ({
  id,
  kind,
  name: id[0]!.toUpperCase() + id.slice(1),
  maxPerOrder: null,
  requiresCheck: null,
  accompaniedBy: null,
  ...rules,
});

const PRICE_LIST: PriceList = {
  eventId: 'event-1',
  currency: 'EUR',
  ticketTypes: [
    type('adult', 'adult'),
    type('child', 'child', { maxPerOrder: 4, accompaniedBy: { adults: 1, perTickets: 2 } }),
    type('concession', 'concession', { requiresCheck: 'Concession: show ID' }),
  ],
  entries: [
    { tierId: 'stalls', ticketTypeId: 'adult', amount: 4500, currency: 'EUR' },
    { tierId: 'stalls', ticketTypeId: 'child', amount: 2000, currency: 'EUR' },
    { tierId: 'stalls', ticketTypeId: 'concession', amount: 3500, currency: 'EUR' },
    { tierId: 'balcony', ticketTypeId: 'adult', amount: 3000, currency: 'EUR' },
    { tierId: 'vip', ticketTypeId: 'adult', amount: 9000, currency: 'EUR' },
  ],
  hiddenTierIds: ['vip'],
};

const lines = (...specs: [string, string | undefined][]): BasketLine[] =>
  specs.map(([tierId, ticketTypeId], i) => ({ lineId: `A${i + 1}`, tierId, ticketTypeId }));

describe('validateBasket', () => {
  it('prices each line, adult by default, with what the door must check', () => {
    const result = validateBasket(lines(['stalls', undefined], ['stalls', 'concession']), PRICE_LIST);
    expect(result).toEqual({
      ok: true,
      value: [
        expect.objectContaining({ lineId: 'A1', ticketTypeId: 'adult', price: 4500, requiresCheck: null }),
        expect.objectContaining({ lineId: 'A2', ticketTypeId: 'concession', requiresCheck: 'Concession: show ID' }),
      ],
    });
  });

  it('names the line whose type is not sold in its tier, or does not exist', () => {
    const result = validateBasket(
      lines(['stalls', 'adult'], ['balcony', 'child'], ['stalls', 'pensioner']),
      PRICE_LIST,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.lineId])).toEqual([
      ['ticket_type_unavailable', 'A2'],
      ['ticket_type_unavailable', 'A3'],
    ]);
  });

  it('sells a hidden tier only to a presale code that unlocks it', () => {
    const basket = lines(['vip', 'adult']);
    expect(validateBasket(basket, PRICE_LIST)).toMatchObject({
      ok: false,
      errors: [{ code: 'tier_locked', lineId: 'A1' }],
    });
    expect(validateBasket(basket, PRICE_LIST, { unlockedTierIds: ['vip'] }).ok).toBe(true);
  });

  it('names the child tickets past the limit of 4 and those without enough adults', () => {
    const basket = lines(
      ['stalls', 'adult'],
      ['stalls', 'adult'],
      ['stalls', 'child'],
      ['stalls', 'child'],
      ['stalls', 'child'],
      ['stalls', 'child'],
      ['stalls', 'child'],
    );
    const result = validateBasket(basket, PRICE_LIST);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { code: 'ticket_type_limit', lineId: 'A7', ticketTypeId: 'child' },
        { code: 'ticket_type_needs_adult', lineId: 'A7' },
      ],
    });
    expect(validateBasket(basket.slice(0, 6), PRICE_LIST).ok).toBe(true);
  });

  it('keeps any basket to the type limits and adult ratios, and names only lines of the basket', () => {
    const basketArb = fc.array(
      fc.record({
        tierId: fc.constantFrom('stalls', 'balcony', 'vip'),
        ticketTypeId: fc.constantFrom('adult', 'child', 'concession', undefined),
      }),
      { maxLength: 14 },
    );
    fc.assert(
      fc.property(basketArb, fc.boolean(), (specs, unlocked) => {
        const basket = specs.map((spec, i) => ({ ...spec, lineId: `L${i}` }));
        const result = validateBasket(basket, PRICE_LIST, { unlockedTierIds: unlocked ? ['vip'] : [] });
        const typeOf = (line: (typeof basket)[number]) => line.ticketTypeId ?? 'adult';
        const children = basket.filter((line) => typeOf(line) === 'child').length;
        const adults = basket.filter((line) => typeOf(line) === 'adult' && (unlocked || line.tierId !== 'vip')).length;
        const sellable = basket.every(
          (line) =>
            (unlocked || line.tierId !== 'vip') &&
            PRICE_LIST.entries.some((e) => e.tierId === line.tierId && e.ticketTypeId === typeOf(line)),
        );
        expect(result.ok).toBe(sellable && children <= 4 && children <= adults * 2);
        if (result.ok) {
          const count = (id: string) => result.value.filter((line) => line.ticketTypeId === id).length;
          expect(count('child')).toBeLessThanOrEqual(4);
          expect(count('child')).toBeLessThanOrEqual(count('adult') * 2);
          expect(result.value).toHaveLength(basket.length);
          for (const line of result.value) {
            const entry = PRICE_LIST.entries.find(
              (e) => e.tierId === line.tierId && e.ticketTypeId === line.ticketTypeId,
            );
            expect(line.price).toBe(entry!.amount);
          }
          if (!unlocked) expect(result.value.every((line) => line.tierId !== 'vip')).toBe(true);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          const ids = new Set(basket.map((line) => line.lineId));
          for (const error of result.errors) expect(ids.has(error.lineId!)).toBe(true);
        }
      }),
    );
  });
});
