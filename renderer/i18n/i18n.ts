// The UI's words: one Lingui instance for every mode. A locale is activated once the catalogs of every area in use
// are loaded for it (never a half-translated screen); the page's `lang` and `dir` follow it, so an Arabic screen lays
// out right to left. Screens read words with useT() (renderer/i18n/use-t.ts).
import { setupI18n, type Messages } from '@lingui/core';
import { FIRST_LOAD, LOCALES, type Area, type Locale } from './catalogs.ts';

export const i18n = setupI18n();
const inUse = new Set<Area>();

export const RTL_LOCALES: ReadonlySet<Locale> = new Set(['ar']);
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (RTL_LOCALES.has(locale) ? 'rtl' : 'ltr');

/** The locale to show: a choice the user made, else the first of the browser's languages we have, else English. */
export function pickLocale(saved: string | null, languages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

async function load(area: Area, locale: Locale): Promise<Messages> {
  const first = FIRST_LOAD[area]?.[locale];
  if (first) return first;
  const { CATALOGS } = await import('./catalog-loaders.ts');
  return (await CATALOGS[area][locale]()).messages;
}

/** Each area's catalog in a locale, loaded once: every caller waits for the same load, so no screen renders before
 * its words are in (a second screen asking for an area still on its way waits for it too). */
const loads = new Map<string, Promise<void>>();
function ensure(area: Area, locale: Locale): Promise<void> {
  const key = `${locale}/${area}`;
  let loading = loads.get(key);
  if (!loading) {
    loading = load(area, locale).then((messages) => i18n.load(locale, messages));
    loads.set(key, loading);
    loading.catch(() => loads.delete(key));
  }
  return loading;
}

/** Loads the areas' catalogs for the locale (and those of every area already in use), then switches to it. */
export async function activateLocale(locale: Locale, areas: readonly Area[] = []): Promise<void> {
  for (const area of areas) inUse.add(area);
  await Promise.all([...inUse].map((area) => ensure(area, locale)));
  i18n.activate(locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }
}

/** Adds areas (a screen's or a mode's own words) in the current locale, resolving once they are all in. */
export async function addAreas(areas: readonly Area[]): Promise<void> {
  for (const area of areas) inUse.add(area);
  await Promise.all(areas.map((area) => ensure(area, currentLocale())));
}

export const currentLocale = (): Locale => (isLocale(i18n.locale) ? i18n.locale : 'en');

/** The tag to format numbers and dates with: the browser's own variant of the shown language (en-GB, de-AT), else it. */
export function formattingLocale(): string {
  const locale = currentLocale();
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
  return languages.find((tag) => tag.toLowerCase().split('-')[0] === locale) ?? locale;
}
