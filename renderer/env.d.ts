// Imports Vite resolves that TypeScript needs told about.
declare module '*.css';
/** A Lingui catalog compiled by @lingui/vite-plugin (renderer/i18n/locales/<locale>/<area>.json?lingui). */
declare module '*?lingui' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}
