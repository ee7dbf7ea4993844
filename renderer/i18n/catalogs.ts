// Where each area's catalog comes from, per locale. The English words of the events list (common, shop, errors) are
// part of the first load; every other area is a small chunk fetched with the screen that needs it (lazyWithWords) or
// when the locale changes. Each loader is written out: the layer rule refuses an import() whose specifier is computed.
import type { Messages } from '@lingui/core';
import { messages as enCommon } from './locales/en/common.json?lingui';
import { messages as enShop } from './locales/en/shop.json?lingui';

export const LOCALES = ['en', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export type Area =
  | 'common'
  | 'errors'
  | 'shop'
  | 'filters'
  | 'account'
  | 'event'
  | 'seatmap'
  | 'basket'
  | 'checkout'
  | 'wallet'
  | 'kiosk'
  | 'boxoffice';

/** The words of the shop's first screen (the events list); a screen's own area comes with it, and the words of the
 * API's refusals (errors) right after the first screen. */
export const SHOP_AREAS: readonly Area[] = ['common', 'shop'];

type Load = () => { messages: Messages } | Promise<{ messages: Messages }>;

export const CATALOGS: Record<Area, Record<Locale, Load>> = {
  common: {
    en: () => ({ messages: enCommon }),
    de: () => import('./locales/de/common.json?lingui'),
    ar: () => import('./locales/ar/common.json?lingui'),
  },
  shop: {
    en: () => ({ messages: enShop }),
    de: () => import('./locales/de/shop.json?lingui'),
    ar: () => import('./locales/ar/shop.json?lingui'),
  },
  filters: {
    en: () => import('./locales/en/filters.json?lingui'),
    de: () => import('./locales/de/filters.json?lingui'),
    ar: () => import('./locales/ar/filters.json?lingui'),
  },
  account: {
    en: () => import('./locales/en/account.json?lingui'),
    de: () => import('./locales/de/account.json?lingui'),
    ar: () => import('./locales/ar/account.json?lingui'),
  },
  event: {
    en: () => import('./locales/en/event.json?lingui'),
    de: () => import('./locales/de/event.json?lingui'),
    ar: () => import('./locales/ar/event.json?lingui'),
  },
  seatmap: {
    en: () => import('./locales/en/seatmap.json?lingui'),
    de: () => import('./locales/de/seatmap.json?lingui'),
    ar: () => import('./locales/ar/seatmap.json?lingui'),
  },
  checkout: {
    en: () => import('./locales/en/checkout.json?lingui'),
    de: () => import('./locales/de/checkout.json?lingui'),
    ar: () => import('./locales/ar/checkout.json?lingui'),
  },
  wallet: {
    en: () => import('./locales/en/wallet.json?lingui'),
    de: () => import('./locales/de/wallet.json?lingui'),
    ar: () => import('./locales/ar/wallet.json?lingui'),
  },
  basket: {
    en: () => import('./locales/en/basket.json?lingui'),
    de: () => import('./locales/de/basket.json?lingui'),
    ar: () => import('./locales/ar/basket.json?lingui'),
  },
  errors: {
    en: () => import('./locales/en/errors.json?lingui'),
    de: () => import('./locales/de/errors.json?lingui'),
    ar: () => import('./locales/ar/errors.json?lingui'),
  },
  kiosk: {
    en: () => import('./locales/en/kiosk.json?lingui'),
    de: () => import('./locales/de/kiosk.json?lingui'),
    ar: () => import('./locales/ar/kiosk.json?lingui'),
  },
  boxoffice: {
    en: () => import('./locales/en/boxoffice.json?lingui'),
    de: () => import('./locales/de/boxoffice.json?lingui'),
    ar: () => import('./locales/ar/boxoffice.json?lingui'),
  },
};
