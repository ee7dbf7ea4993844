// The UI's and the documents' words: every catalog is valid ICU MessageFormat; English (the source) has every id the
// code asks for; German and Arabic have every English id with the same arguments and plural forms their language
// needs, and are translations (not English copies); and no id is left behind that nothing uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import { LOCALES } from '../../../renderer/i18n/catalogs.ts';
import { RENDERER_AREAS } from '../../../lingui.config.ts';
import { sourceFiles } from '../../support/source-files.ts';

type Catalog = Record<string, string>;
const root = join(import.meta.dirname, '../../..');
const rendererDir = join(root, 'renderer/i18n/locales');
const documentsDir = join(root, 'cloud/domain/i18n/locales');

const read = (path: string): Catalog => JSON.parse(readFileSync(path, 'utf8')) as Catalog;
const rendererCatalog = (locale: string, area: string) => read(join(rendererDir, locale, `${area}.json`));
const documentsCatalog = (locale: string): Catalog | null => {
  try {
    return read(join(documentsDir, locale, 'documents.json'));
  } catch {
    return null;
  }
};

/** Every catalog of a locale: area name → messages. */
function catalogsOf(locale: string): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>(RENDERER_AREAS.map((area) => [area, rendererCatalog(locale, area)]));
  const documents = documentsCatalog(locale);
  if (documents) catalogs.set('documents', documents);
  return catalogs;
}

/** The arguments a message uses ({name}, {count, plural, …}) and, per plural argument, its categories. */
function shapeOf(message: string): { args: Set<string>; plurals: Map<string, Set<string>> } {
  const args = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  const walk = (tokens: unknown): void => {
    if (!Array.isArray(tokens)) return;
    for (const token of tokens) {
      if (!Array.isArray(token)) continue;
      const [name, type, options] = token as [unknown, unknown, unknown];
      if (typeof name === 'string') {
        args.add(name);
        if ((type === 'plural' || type === 'selectordinal') && options && typeof options === 'object') {
          const categories = new Set(Object.keys(options).filter((key) => !key.startsWith('offset')));
          plurals.set(name, categories);
        }
        if (options && typeof options === 'object') for (const branch of Object.values(options)) walk(branch);
      } else {
        walk(token);
      }
    }
  };
  const compiled = compileMessage(message);
  if (typeof compiled !== 'string') walk(compiled);
  return { args, plurals };
}

/** Names written the same in every language: the product's and a payment provider's. */
const BRAND = /TicketBoss|Amazon Pay/g;

/** The plural categories a language uses for whole numbers (CLDR, through Intl). */
const categoriesOf = (locale: string) => new Set(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);

describe('i18n catalogs', () => {
  const english = catalogsOf('en');

  it('every message of every locale compiles as ICU MessageFormat', () => {
    const broken: string[] = [];
    for (const locale of LOCALES) {
      for (const [area, catalog] of catalogsOf(locale)) {
        for (const [id, message] of Object.entries(catalog)) {
          try {
            shapeOf(message);
          } catch (error) {
            broken.push(`${locale}/${area}: ${id}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('ids are unique across areas and named after their area', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const [area, catalog] of english) {
      for (const id of Object.keys(catalog)) {
        if (seen.has(id)) problems.push(`${id} in ${seen.get(id)} and ${area}`);
        seen.set(id, area);
        if (!id.startsWith(`${area}.`)) problems.push(`${id} is in area ${area} but not named ${area}.…`);
      }
    }
    expect(problems).toEqual([]);
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has every English id, with the same arguments and the plural forms ${locale} needs`, () => {
      const needed = categoriesOf(locale);
      const problems: string[] = [];
      const translated = catalogsOf(locale);
      for (const [area, catalog] of english) {
        const other = translated.get(area) ?? {};
        for (const [id, message] of Object.entries(catalog)) {
          const theirs = other[id];
          if (theirs === undefined) {
            problems.push(`${area}: ${id} missing`);
            continue;
          }
          const mine = shapeOf(message);
          const shape = shapeOf(theirs);
          const missingArgs = [...mine.args].filter((arg) => !shape.args.has(arg));
          const extraArgs = [...shape.args].filter((arg) => !mine.args.has(arg));
          if (missingArgs.length || extraArgs.length) {
            problems.push(`${area}: ${id} arguments differ (missing ${missingArgs}, extra ${extraArgs})`);
          }
          for (const [arg, categories] of shape.plurals) {
            const lacking = [...needed].filter((category) => category !== 'other' && !categories.has(category));
            if (!categories.has('other') || lacking.length) {
              problems.push(`${area}: ${id} plural {${arg}} lacks ${[...lacking, 'other'].join(', ')}`);
            }
          }
        }
        for (const id of Object.keys(other)) if (!(id in catalog)) problems.push(`${area}: ${id} not in English`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('German and Arabic are translations: few messages equal to the English', () => {
    for (const locale of ['de', 'ar']) {
      const translated = catalogsOf(locale);
      const same: string[] = [];
      let total = 0;
      for (const [area, catalog] of english) {
        for (const [id, message] of Object.entries(catalog)) {
          total += 1;
          // Words with no letters to translate (a price, "{count}", "·") may stay as they are.
          const words = message.replace(/\{[^}]*\}/g, '').replace(BRAND, '');
          if (translated.get(area)?.[id] === message && /\p{L}{3,}/u.test(words)) {
            same.push(id);
          }
        }
      }
      // Brand names and international words (Online, Code, OK) may stay; a copied catalog would fail this.
      expect(same.length, `${locale}: ${same.join(', ')}`).toBeLessThanOrEqual(Math.max(3, total * 0.05));
      if (locale === 'ar') expect(same, 'Arabic has no Latin sentences').toEqual([]);
    }
  });
});

describe('ids the code asks for', () => {
  const english = new Set([...catalogsOf('en').values()].flatMap((catalog) => Object.keys(catalog)));
  const used = new Map<string, string>();
  const files = [
    ...sourceFiles(join(root, 'renderer')).filter((file) => !file.includes('/modes/admin/')),
    ...sourceFiles(join(root, 'cloud')),
  ];
  for (const file of files) {
    // Comments may show an example id; code may not use one that is missing.
    const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    // t('id' …), i18n._('id' …), translate('id' …) and id: 'area.x.y' descriptors.
    for (const match of text.matchAll(/\b(?:t|_|translate)\(\s*['"`]([a-z][\w-]*(?:\.[\w-]+)+)['"`]/g)) {
      used.set(match[1]!, file.slice(root.length + 1));
    }
  }

  it('every id used in the code is in the English catalogs', () => {
    const missing = [...used].filter(([id]) => !english.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
  });
});
