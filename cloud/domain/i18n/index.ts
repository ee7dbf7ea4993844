// The words of emails and documents (tickets, receipts, the tickets PDF and image) in the buyer's language: Lingui
// with ICU MessageFormat, catalogs per locale in locales/<locale>/documents.json (imported as JSON, so esbuild bundles
// them into the Lambda), compiled at first use. Staff documents stay in English.
import { setupI18n, type I18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import type { OrderLocale } from '../../contract/index.ts';
import en from './locales/en/documents.json' with { type: 'json' };
import de from './locales/de/documents.json' with { type: 'json' };
import ar from './locales/ar/documents.json' with { type: 'json' };

export type DocumentLocale = OrderLocale;
export type DocumentMessageId = keyof typeof en;
/** Translates a message id of documents.json with its ICU arguments. */
export type DocumentWords = (id: DocumentMessageId, values?: Record<string, unknown>) => string;

export const DOCUMENT_CATALOGS: Record<DocumentLocale, Record<string, string>> = { en, de, ar };

/** The Intl locale dates and money are formatted in (British English for `en`, as the documents always were). */
export const FORMATTING_LOCALE: Record<DocumentLocale, string> = { en: 'en-GB', de: 'de-DE', ar: 'ar' };

export const isRightToLeft = (locale: DocumentLocale): boolean => locale === 'ar';

const instances = new Map<DocumentLocale, I18n>();

function instance(locale: DocumentLocale): I18n {
  let i18n = instances.get(locale);
  if (!i18n) {
    i18n = setupI18n();
    i18n.setMessagesCompiler(compileMessage);
    i18n.load(locale, DOCUMENT_CATALOGS[locale]);
    i18n.activate(locale);
    instances.set(locale, i18n);
  }
  return i18n;
}

/** The words of one language (English for a language we do not write). */
export function documentWords(locale: DocumentLocale = 'en'): DocumentWords {
  const i18n = instance(locale in DOCUMENT_CATALOGS ? locale : 'en');
  return (id, values) => i18n._(id, values);
}
