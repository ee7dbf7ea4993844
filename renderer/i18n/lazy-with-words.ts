// A screen loaded when first needed, together with the catalogs of its areas in the shown language: the page's chunk
// and its words come in parallel, and the screen never renders before its words are there.
import { lazy, type ComponentType } from 'react';
import { addAreas } from './i18n.ts';
import type { Area } from './catalogs.ts';

export function lazyWithWords<P extends object>(
  areas: readonly Area[],
  load: () => Promise<{ default: ComponentType<P> }>,
) {
  return lazy(async () => (await Promise.all([load(), addAreas(areas)]))[0]);
}

/** The same for a module whose component is a named export. */
export function lazyNamedWithWords<P extends object, M>(
  areas: readonly Area[],
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
) {
  return lazy(async () => ({ default: pick((await Promise.all([load(), addAreas(areas)]))[0]) }));
}
