// Where each area's catalog comes from, per locale. English for the shop's areas is part of the first load (a page
// must not wait for its words); everything else is a small chunk fetched when a locale or a screen needs it. Each
// loader is written out: the layer rule refuses an import() whose specifier is computed.
import type { Messages } from '@lingui/core';
import { messages as enCommon } from './locales/en/common.json?lingui';
import { messages as enShop } from './locales/en/shop.json?lingui';
import { messages as enEvent } from './locales/en/event.json?lingui';
import { messages as enSeatmap } from './locales/en/seatmap.json?lingui';
import { messages as enCheckout } from './locales/en/checkout.json?lingui';
import { messages as enWallet } from './locales/en/wallet.json?lingui';
import { messages as enBasket } from './locales/en/basket.json?lingui';
import { messages as enErrors } from './locales/en/errors.json?lingui';

export const LOCALES = ['en', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export type Area =
  'common' | 'errors' | 'shop' | 'event' | 'seatmap' | 'basket' | 'checkout' | 'wallet' | 'kiosk' | 'boxoffice';

/** What the web shop shows; the kiosk and box office add their own area (loaded with their chunk). */
export const SHOP_AREAS: readonly Area[] = [
  'common',
  'errors',
  'shop',
  'event',
  'seatmap',
  'basket',
  'checkout',
  'wallet',
];

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
  event: {
    en: () => ({ messages: enEvent }),
    de: () => import('./locales/de/event.json?lingui'),
    ar: () => import('./locales/ar/event.json?lingui'),
  },
  seatmap: {
    en: () => ({ messages: enSeatmap }),
    de: () => import('./locales/de/seatmap.json?lingui'),
    ar: () => import('./locales/ar/seatmap.json?lingui'),
  },
  checkout: {
    en: () => ({ messages: enCheckout }),
    de: () => import('./locales/de/checkout.json?lingui'),
    ar: () => import('./locales/ar/checkout.json?lingui'),
  },
  wallet: {
    en: () => ({ messages: enWallet }),
    de: () => import('./locales/de/wallet.json?lingui'),
    ar: () => import('./locales/ar/wallet.json?lingui'),
  },
  basket: {
    en: () => ({ messages: enBasket }),
    de: () => import('./locales/de/basket.json?lingui'),
    ar: () => import('./locales/ar/basket.json?lingui'),
  },
  errors: {
    en: () => ({ messages: enErrors }),
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
