// The language the shop shows: the one the user picked (remembered in this browser under `ticketboss.locale`), else
// the first of the browser's languages we have (renderer/i18n pickLocale). main.tsx reads it before the first render;
// the language picker switches at once and remembers.
import { activateLocale, pickLocale, type Locale } from '../../i18n/index.ts';

export const LOCALE_KEY = 'ticketboss.locale';

export const localeStore = {
  get(): string | null {
    try {
      return window.localStorage.getItem(LOCALE_KEY);
    } catch {
      return null; // storage refused (private mode, a sandboxed frame): follow the browser
    }
  },
  set(locale: Locale): void {
    try {
      window.localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // Not remembered, but still shown: the choice lasts until the page is reloaded.
    }
  },
};

/** The locale to start with: the remembered choice, else the browser's languages. */
export const initialLocale = (): Locale => pickLocale(localeStore.get(), navigator.languages);

/** Switches every screen to the locale now (its words load first) and remembers it for the next visit. */
export async function chooseLocale(locale: Locale): Promise<void> {
  localeStore.set(locale);
  await activateLocale(locale);
}

/** Each language named in itself, so a reader finds theirs whatever is shown now. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', ar: 'العربية' };
