// Lingui's catalogs (ICU MessageFormat, explicit ids, JSON "minimal" files: id → message). The web build compiles the
// renderer's catalogs with @lingui/vite-plugin (imported as `…/<area>.json?lingui`), so the browser never carries a
// message parser; Node (emails and PDFs, tests) compiles them at run time with @lingui/message-utils.
// English is the source language; every id it has must be in every other locale (test/unit/i18n/catalogs.test.ts).
import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-json';

/** One catalog per area of the UI, so a screen's chunk carries its own strings and helpers never edit one file. */
export const RENDERER_AREAS = [
  'common',
  'errors',
  'shop',
  'filters',
  'account',
  'event',
  'seatmap',
  'basket',
  'checkout',
  'wallet',
  'ticket',
  'kiosk',
  'boxoffice',
  'shift',
  'transfer', // transfer (issue 19)
  'passes',
  'queue', // the on-sale (issue 20)
] as const;

export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'de', 'ar'],
  catalogs: [
    ...RENDERER_AREAS.map((area) => ({
      path: `<rootDir>/renderer/i18n/locales/{locale}/${area}`,
      include: ['<rootDir>/renderer'],
    })),
    { path: '<rootDir>/cloud/domain/i18n/locales/{locale}/documents', include: ['<rootDir>/cloud'] },
  ],
  format: formatter({ style: 'minimal' }),
});
