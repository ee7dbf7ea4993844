// accounts (issue 19): a ticket's state on "My tickets" in words: valid, used with when (the venue's zone), refunded,
// cancelled, exchanged, transferred; and in German (formal) and Arabic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateLocale, i18n } from '../../../../renderer/i18n/index.ts';
import { ticketState, ticketStateWords } from '../../../../renderer/modes/shop/wallet/wallet-data.ts';

const t = (id: string, values?: Record<string, unknown>) => i18n._(id, values);
const plain = { exchangedTo: [] };
const USED_AT = '2030-03-01T18:45:00.000Z';

describe('account ticket states', () => {
  beforeAll(() => activateLocale('en', ['wallet', 'account']));
  afterAll(() => activateLocale('en', ['wallet', 'account']));

  it('tells each state apart, a used ticket with when the door admitted it in the venue’s zone', () => {
    expect(ticketState({ status: 'valid', usedAt: null })).toBe('valid');
    expect(ticketState({ status: 'valid', usedAt: USED_AT })).toBe('used');
    expect(ticketState({ status: 'transferred' })).toBe('transferred');
    expect(ticketStateWords(t, { status: 'valid', usedAt: null }, plain, 'Europe/Vienna')).toBe('Valid');
    const used = ticketStateWords(t, { status: 'valid', usedAt: USED_AT }, plain, 'Europe/Vienna');
    expect(used).toMatch(/^Used /);
    expect(used).toMatch(/07:45 PM/); // 18:45 UTC is 19:45 in Vienna in March
    expect(ticketStateWords(t, { status: 'valid', usedAt: USED_AT }, plain, null)).toBe('Used');
    expect(ticketStateWords(t, { status: 'refunded' }, plain, null)).toBe('Refunded');
    expect(ticketStateWords(t, { status: 'void' }, plain, null)).toBe('Cancelled');
    expect(ticketStateWords(t, { status: 'void' }, { exchangedTo: [{} as never] }, null)).toBe('Exchanged');
    expect(ticketStateWords(t, { status: 'transferred' }, plain, null)).toBe('Passed on');
  });

  it('in German and Arabic', async () => {
    await activateLocale('de', ['wallet', 'account']);
    expect(ticketStateWords(t, { status: 'transferred' }, plain, null)).toBe('Weitergegeben');
    expect(ticketStateWords(t, { status: 'valid', usedAt: USED_AT }, plain, 'Europe/Vienna')).toMatch(
      /^Verwendet am .*19:45/,
    );
    await activateLocale('ar', ['wallet', 'account']);
    expect(ticketStateWords(t, { status: 'transferred' }, plain, null)).toBe('منقولة');
  });
});
