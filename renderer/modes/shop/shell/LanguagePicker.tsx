// The header's language picker: a compact button showing the current language's code, which opens a sheet listing
// each language in its own words (LanguageSheet, loaded on first use). A choice applies at once and is remembered.
import { lazy, Suspense, useState } from 'react';
import { useLingui } from '@lingui/react';
import { isLocale, useT, type Locale } from '../../../i18n/index.ts';
import { Button } from '../../../ui/kit/Button.tsx';
import { chooseLocale, LANGUAGE_NAMES } from '../locale-store.ts';

const LanguageSheet = lazy(() => import('./LanguageSheet.tsx'));

export function LanguagePicker() {
  const t = useT();
  const { i18n } = useLingui();
  const current: Locale = isLocale(i18n.locale) ? i18n.locale : 'en';
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        className="language-button"
        aria-haspopup="dialog"
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        <span className="language-button__globe" aria-hidden="true" />
        {current.toUpperCase()}
        <span className="kit-visually-hidden">{t('shop.shell.language', { language: LANGUAGE_NAMES[current] })}</span>
      </Button>
      {used && (
        <Suspense fallback={null}>
          <LanguageSheet
            open={open}
            current={current}
            names={LANGUAGE_NAMES}
            onChoose={chooseLocale}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
