// The kiosk's language: the machine's default (what it started in: the saved choice or the system's languages), a
// buyer's choice from the attract screen, and the way back to the default when the kiosk starts over. The choice is
// never saved: the next buyer must not inherit it.
import { useCallback, useRef, useState } from 'react';
import { activateLocale, currentLocale, type Locale } from '../../i18n/index.ts';

/** Each language by its own name: the same words whatever language the screen shows, so not in a catalog. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', ar: 'العربية' };

export interface KioskLanguage {
  locale: Locale;
  /** Whether a buyer chose another language than the machine's. */
  changed: boolean;
  choose(locale: Locale): void;
  /** Back to the machine's language (when the kiosk starts over). */
  restore(): void;
}

export function useKioskLanguage(): KioskLanguage {
  const machineDefault = useRef<Locale>(currentLocale());
  const [locale, setLocale] = useState<Locale>(machineDefault.current);
  const choose = useCallback((next: Locale) => {
    // Shown once every area in use has its words in that language; a failed load keeps the current one.
    void activateLocale(next).then(
      () => setLocale(next),
      () => {},
    );
  }, []);
  const restore = useCallback(() => {
    if (currentLocale() !== machineDefault.current) choose(machineDefault.current);
  }, [choose]);
  return { locale, changed: locale !== machineDefault.current, choose, restore };
}
