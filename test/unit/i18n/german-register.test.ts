// German speaks to the reader formally ("Sie") everywhere: the shop, the kiosk, the box office, the emails and the
// PDFs. The catalogs once mixed "du" (wallet, emails) with "Sie" (the rest); this keeps every German catalog file,
// including areas added later, from slipping back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const germanFiles = [
  ...readdirSync(join(root, 'renderer/i18n/locales/de'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(root, 'renderer/i18n/locales/de', name)),
  join(root, 'cloud/domain/i18n/locales/de/documents.json'),
];

/** "du" and its forms, and "ihr"/"euch" as the plural informal address (capital "Ihr" is the formal possessive). */
const INFORMAL_PRONOUN =
  /\b(?:[Dd]u|[Dd]ich|[Dd]ir|[Dd]ein(?:e[mnrs]?)?|euch|eue?r(?:e[mnrs]?)?)\b|(?:^|[.:;!?]\s+)ihr\b/u;
/** A "du" imperative: at the start of a sentence (not followed by "Sie"), or mid-sentence after a comma. */
const INFORMAL_IMPERATIVE =
  /(?:^|[.:;!?{]\s*)(?:Zeige?|Hole?|Nutze|Wähle|Melde|Bestätige|Setze|Bringe?|Sichere|Prüfe|Öffne|Versuche?|Ignoriere|Tippe|Scanne|Beantrage|Gib|Nimm|Schau)\b(?! Sie)|,\s+(?:ignoriere|beantrage|versuche?)\b|\bversuch es\b/u;

function informalGerman(message: string): boolean {
  // An ICU argument's name ({count}) is code, not German.
  const words = message.replace(/\{[a-zA-Z]+[,}]/g, '{');
  return INFORMAL_PRONOUN.test(words) || INFORMAL_IMPERATIVE.test(words);
}

describe('German register', () => {
  it('recognises the informal address it guards against', () => {
    expect(informalGerman('Deine Tickets sind per E-Mail unterwegs.')).toBe(true);
    expect(informalGerman('Melde dich an,')).toBe(true);
    expect(informalGerman('Hol deine Tickets an der Abendkasse ab.')).toBe(true);
    expect(informalGerman('Bitte versuch es noch einmal.')).toBe(true);
    expect(informalGerman('Warst du es nicht, ignoriere diese E-Mail.')).toBe(true);
    expect(informalGerman('{count, plural, one {Dein Ticket} other {Deine # Tickets}}')).toBe(true);
    expect(informalGerman('Ihre Tickets sind per E-Mail unterwegs.')).toBe(false);
    expect(informalGerman('Zeigen Sie am Einlass den QR-Code vor.')).toBe(false);
    expect(informalGerman('Zu viele Versuche in kurzer Zeit.')).toBe(false);
  });

  for (const file of germanFiles) {
    it(`${file.slice(root.length + 1)} addresses the reader as "Sie"`, () => {
      const catalog = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const informal = Object.entries(catalog)
        .filter(([, message]) => informalGerman(message))
        .map(([id, message]) => `${id}: ${message}`);
      expect(informal).toEqual([]);
    });
  }
});
