// The counter's keyboard: one listener on the window for a screen's shortcuts (a digit, Enter, a tender's letter,
// Escape). A key typed into a field belongs to the field, never to a shortcut; Escape in a field only leaves it, so
// the next key is a shortcut again. Enter on a focused button or link is that button's own click.
import { useEffect, useRef } from 'react';

/** Keys as KeyboardEvent.key: 'Enter', 'Escape', 'c', 'digit' (any of 0–9, given to the handler). */
export type Shortcuts = Partial<Record<string, (key: string) => void>>;

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || !!target.closest('input, textarea, select, [role="application"]');
}

const clickable = (target: EventTarget | null) =>
  target instanceof HTMLElement && !!target.closest('button, a, summary, canvas');

/** The handler for a key, or null when the key is not this screen's (or belongs where it was typed). */
export function shortcutFor(shortcuts: Shortcuts, event: KeyboardEvent): (() => void) | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  if (isTyping(event.target)) {
    if (event.key !== 'Escape' || !(event.target instanceof HTMLElement)) return null;
    const field = event.target;
    return () => field.blur();
  }
  if (event.key === 'Enter' && clickable(event.target)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const handler = /^[0-9]$/.test(key) ? shortcuts.digit : shortcuts[key];
  return handler ? () => handler(key) : null;
}

/** Listens while the screen is shown; the latest handlers are used without re-subscribing. */
export function useShortcuts(shortcuts: Shortcuts, enabled = true): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const run = shortcutFor(latest.current, event);
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
