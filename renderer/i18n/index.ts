// The renderer's i18n: Lingui with ICU MessageFormat catalogs per area and locale (renderer/i18n/locales/*).
export { LOCALES, SHOP_AREAS, type Area, type Locale } from './catalogs.ts';
export {
  i18n,
  activateLocale,
  addAreas,
  currentLocale,
  formattingLocale,
  pickLocale,
  isLocale,
  directionOf,
  RTL_LOCALES,
} from './i18n.ts';
export { useT, type Translate } from './use-t.ts';
export { lazyWithWords, lazyNamedWithWords } from './lazy-with-words.ts';
export { I18nProvider } from '@lingui/react';
