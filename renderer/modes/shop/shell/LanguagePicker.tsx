// The header's language picker: a compact button showing the current language's code, which opens a sheet listing
// each language in its own words. A choice applies at once (no reload) and is remembered (locale-store.ts).
import { useState } from 'react';
import { useLingui } from '@lingui/react';
import { Sheet } from '../../../ui/kit/index.ts';
import { LOCALES, isLocale, useT, type Locale } from '../../../i18n/index.ts';
import { chooseLocale, LANGUAGE_NAMES } from '../locale-store.ts';

export function LanguagePicker() {
  const t = useT();
  const { i18n } = useLingui();
  const current: Locale = isLocale(i18n.locale) ? i18n.locale : 'en';
  const [open, setOpen] = useState(false);
  const [switching, setSwitching] = useState<Locale | null>(null);
  const choose = async (locale: Locale) => {
    setSwitching(locale);
    try {
      await chooseLocale(locale);
    } finally {
      setSwitching(null);
      setOpen(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="language-button"
        aria-haspopup="dialog"
        aria-label={t('shop.shell.language', { language: LANGUAGE_NAMES[current] })}
        onClick={() => setOpen(true)}
      >
        <span className="language-button__globe" aria-hidden="true" />
        <span aria-hidden="true">{current.toUpperCase()}</span>
      </button>
      <Sheet open={open} onClose={() => setOpen(false)} title={t('shop.shell.languageTitle')}>
        <ul className="language-list">
          {LOCALES.map((locale) => (
            <li key={locale}>
              <button
                type="button"
                className="language-option"
                lang={locale}
                aria-pressed={locale === current}
                aria-busy={switching === locale || undefined}
                onClick={() => void choose(locale)}
              >
                {LANGUAGE_NAMES[locale]}
              </button>
            </li>
          ))}
        </ul>
      </Sheet>
    </>
  );
}
