// One React.lazy component per section or public screen, made once, so a screen keeps its state across renders of
// the shell and its chunk is fetched the first time it is opened.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const made = new Map<string, unknown>();

export function lazyScreen<P extends object>(
  id: string,
  load: () => Promise<{ default: ComponentType<P> }>,
): LazyExoticComponent<ComponentType<P>> {
  let screen = made.get(id) as LazyExoticComponent<ComponentType<P>> | undefined; // stored by the same id it was made for
  if (!screen) {
    screen = lazy(load);
    made.set(id, screen);
  }
  return screen;
}
