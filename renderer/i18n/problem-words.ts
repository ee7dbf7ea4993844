// What a refusal of the API says to people, in the shown language: in English the API's own detail (written for
// people, and the most specific), otherwise the catalog's sentence for its stable `type` (errors area, fetched at
// start without holding up the first screen), else a general sentence. Screens show this, never a stack or a code.
import { i18n, currentLocale } from './i18n.ts';

/** The words for an API refusal with this code and detail. */
export function problemWords(code: string | null, detail: string | null): string {
  // In English the API's own sentence says most (which seat, which field); it is written for people.
  if (detail && currentLocale() === 'en') return detail;
  const id = `errors.${code ?? 'generic'}`;
  if (code !== null && i18n.messages[id] !== undefined) return i18n._(id);
  return i18n._('common.error.generic');
}
