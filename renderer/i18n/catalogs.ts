// The locales and catalog areas, and the English words of the events list (common, shop): the only words in the
// first load. Every other catalog is a small chunk, fetched with the screen that needs it (lazyWithWords) or when the
// locale changes, through the loaders of catalog-loaders.ts (itself fetched the first time one is needed).
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
  | 'ticket'
  | 'kiosk'
  | 'boxoffice'
  | 'shift'
  | 'transfer'
  | 'passes'
  | 'queue';

/** The words of the shop's first screen (the events list); a screen's own area comes with it, and the words of the
 * API's refusals (errors) right after the first screen. */
export const SHOP_AREAS: readonly Area[] = ['common', 'shop'];

/** The catalogs that come with the first load. */
export const FIRST_LOAD: Partial<Record<Area, Partial<Record<Locale, Messages>>>> = {
  common: { en: enCommon },
  shop: { en: enShop },
};
