// The organizer's transfer rules as a pure function: each rule refuses on its own, in a fixed order, and names what
// it refuses; names compare as a person would.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSFER_RULES,
  sameName,
  transferClosesAt,
  transferRefusal,
} from '../../../cloud/domain/transfers/transfer-rules.ts';

const startsAt = new Date('2030-02-01T19:00:00Z');
const request = {
  now: new Date('2030-01-31T19:00:00Z'),
  startsAt,
  tickets: [
    { id: 'a', transferCount: 0 },
    { id: 'b', transferCount: 1 },
  ],
  buyerName: 'Ada Lovelace',
  recipientName: 'Grace Hopper',
};

describe('transfer rules', () => {
  it('the defaults allow a transfer until the start', () => {
    expect(transferRefusal(DEFAULT_TRANSFER_RULES, request)).toBeNull();
    expect(transferRefusal(DEFAULT_TRANSFER_RULES, { ...request, now: startsAt })).toMatchObject({
      code: 'transfer_closed',
    });
  });

  it('not allowed comes first', () => {
    expect(transferRefusal({ ...DEFAULT_TRANSFER_RULES, allowed: false }, request)).toEqual({
      code: 'transfer_not_allowed',
    });
  });

  it('closes the given hours before the start, and says when', () => {
    const rules = { ...DEFAULT_TRANSFER_RULES, closeHoursBefore: 48 };
    expect(transferClosesAt(rules, startsAt).toISOString()).toBe('2030-01-30T19:00:00.000Z');
    expect(transferRefusal(rules, request)).toEqual({
      code: 'transfer_closed',
      closesAt: transferClosesAt(rules, startsAt),
    });
    expect(transferRefusal({ ...rules, closeHoursBefore: 23 }, request)).toBeNull();
  });

  it('names the tickets that moved as often as allowed', () => {
    expect(transferRefusal({ ...DEFAULT_TRANSFER_RULES, maxTransfers: 1 }, request)).toEqual({
      code: 'transfer_limit_reached',
      ticketIds: ['b'],
    });
  });

  it("same name only: the buyer's name in any case and spacing goes, another does not", () => {
    const rules = { ...DEFAULT_TRANSFER_RULES, sameNameOnly: true };
    expect(transferRefusal(rules, request)).toEqual({ code: 'transfer_name_mismatch' });
    expect(transferRefusal(rules, { ...request, recipientName: '  ada   LOVELACE ' })).toBeNull();
    expect(sameName('Zoë', 'Zoe\u0308')).toBe(true);
    expect(sameName('Ada', 'Adam')).toBe(false);
  });
});
