// Where each area's catalog comes from, per locale: a loader each, written out, since the layer rule refuses an
// import() whose specifier is computed. Loaded only when a catalog outside the first load is needed.
import type { Messages } from '@lingui/core';
import type { Area, Locale } from './catalogs.ts';

type Load = () => { messages: Messages } | Promise<{ messages: Messages }>;

export const CATALOGS: Record<Area, Record<Locale, Load>> = {
  common: {
    en: () => import('./locales/en/common.json?lingui'),
    de: () => import('./locales/de/common.json?lingui'),
    ar: () => import('./locales/ar/common.json?lingui'),
  },
  shop: {
    en: () => import('./locales/en/shop.json?lingui'),
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
  transfer: {
    en: () => import('./locales/en/transfer.json?lingui'),
    de: () => import('./locales/de/transfer.json?lingui'),
    ar: () => import('./locales/ar/transfer.json?lingui'),
  },
  wallet: {
    en: () => import('./locales/en/wallet.json?lingui'),
    de: () => import('./locales/de/wallet.json?lingui'),
    ar: () => import('./locales/ar/wallet.json?lingui'),
  },
  ticket: {
    en: () => import('./locales/en/ticket.json?lingui'),
    de: () => import('./locales/de/ticket.json?lingui'),
    ar: () => import('./locales/ar/ticket.json?lingui'),
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
  shift: {
    en: () => import('./locales/en/shift.json?lingui'),
    de: () => import('./locales/de/shift.json?lingui'),
    ar: () => import('./locales/ar/shift.json?lingui'),
  },
  passes: {
    en: () => import('./locales/en/passes.json?lingui'),
    de: () => import('./locales/de/passes.json?lingui'),
    ar: () => import('./locales/ar/passes.json?lingui'),
  },
  queue: {
    en: () => import('./locales/en/queue.json?lingui'),
    de: () => import('./locales/de/queue.json?lingui'),
    ar: () => import('./locales/ar/queue.json?lingui'),
  },
};
