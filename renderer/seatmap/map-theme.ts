// The seat map follows the page's theme: the palette is read from the design tokens (getComputedStyle) when the map
// is mounted and again only when the theme can have changed (the system's light/dark switch, or the root's
// data-theme, class or style: a venue's brand), never per frame.
import type { SeatMapEngine } from './engine.ts';
import { paletteFromTokens } from './palette.ts';

/** Applies the tokens' palette to the engine now and on every theme change; returns the stop function. */
export function followTheme(canvas: HTMLElement, engine: SeatMapEngine, tiers: () => string[]): () => void {
  const apply = () => {
    engine.renderer.palette = paletteFromTokens(getComputedStyle(canvas), tiers());
    engine.renderer.invalidate();
    engine.requestRender();
  };
  apply();
  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener('change', apply);
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  return () => {
    scheme?.removeEventListener('change', apply);
    observer.disconnect();
  };
}
