// The Door tab's verdict words (issue 19): every refusal reason the scan contract names has words of its own, in each
// language, never the general "cannot be admitted" (a clerk told only that cannot tell the holder what to do); a
// static code refused under rotating_only sends the holder to the phone, and an offline decision says so.
import { afterAll, describe, expect, it } from 'vitest';
import { ScanResult } from '../../../../cloud/contract/scans.ts';
import { activateLocale, i18n } from '../../../../renderer/i18n/index.ts';
import { refusalWords, scanWords } from '../../../../renderer/modes/boxoffice/tabs/door-words.ts';

const t = (id: string, values?: Record<string, unknown>) => i18n._(id, values);
const reasons = ScanResult.shape.reason.unwrap().options;

describe('door verdict words', () => {
  afterAll(() => activateLocale('en', ['boxoffice']));

  it.each(['en', 'de', 'ar'] as const)('names every refusal reason in its own words (%s)', async (locale) => {
    await activateLocale(locale, ['boxoffice']);
    const general = refusalWords(t, null);
    const said = reasons.map((reason) => refusalWords(t, reason));
    for (const [index, words] of said.entries()) {
      expect(words, reasons[index]).not.toBe(general);
      expect(words, reasons[index]).not.toContain('boxoffice.door');
    }
    expect(new Set(said).size).toBe(reasons.length);
  });

  it('sends the holder of a refused static code to the phone, and tells an offline decision', async () => {
    await activateLocale('en', ['boxoffice']);
    const words = scanWords(t, {
      result: 'refused',
      reason: 'static_code_refused',
      detail: 'Static codes are refused for this event.',
      ticket: null,
      usedAt: null,
      usedGate: null,
      offline: true,
    });
    expect(words).toMatch(/^This event admits only the live code on the ticket holder's phone/u);
    expect(words).toContain('Checked on this machine while offline');
  });
});
