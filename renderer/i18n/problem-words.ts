// What a refusal of the API says to people, in the shown language: the catalog's sentence for its stable `type`
// (errors area, fetched at start without holding up the first screen), else the API's own detail when the screen is
// in English (it is written for people), else a general sentence. Screens show this, never a stack or a code.
import { i18n, currentLocale } from './i18n.ts';

/** The words for an API refusal with this code and detail. */
export function problemWords(code: string | null, detail: string | null): string {
  const id = `errors.${code ?? 'generic'}`;
  const known = code !== null && i18n.messages[id] !== undefined;
  if (known) return i18n._(id);
  if (detail && currentLocale() === 'en') return detail;
  return i18n._('common.error.generic');
}
