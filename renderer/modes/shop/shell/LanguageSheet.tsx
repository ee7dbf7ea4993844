// The language picker's sheet: each language in its own words; a choice applies at once and is remembered. Loaded
// the first time the picker opens (the events page's first load does not carry the sheet).
import { useState } from 'react';
import { Sheet, Tile } from '../../../ui/kit/index.ts';
import { LOCALES, useT, type Locale } from '../../../i18n/index.ts';

export default function LanguageSheet({
  open,
  current,
  names,
  onChoose,
  onClose,
}: {
  open: boolean;
  current: Locale;
  /** Each language in its own words (locale-store.ts, passed in so this chunk does not share that module). */
  names: Record<Locale, string>;
  onChoose(locale: Locale): Promise<void>;
  onClose(): void;
}) {
  const t = useT();
  const [switching, setSwitching] = useState<Locale | null>(null);
  const choose = async (locale: Locale) => {
    setSwitching(locale);
    try {
      await onChoose(locale);
    } finally {
      setSwitching(null);
      onClose();
    }
  };
  return (
    <Sheet open={open} onClose={onClose} title={t('shop.shell.languageTitle')}>
      <ul className="language-list">
        {LOCALES.map((locale) => (
          <li key={locale}>
            <Tile
              className="language-option"
              lang={locale}
              dir="auto"
              pressed={locale === current}
              aria-busy={switching === locale || undefined}
              onClick={() => void choose(locale)}
            >
              {names[locale]}
            </Tile>
          </li>
        ))}
      </ul>
    </Sheet>
  );
}
