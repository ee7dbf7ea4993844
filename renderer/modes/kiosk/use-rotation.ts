// The attract screen's slideshow clock: the next item every `intervalMs`, paused when the machine asks for reduced
// motion (prefers-reduced-motion), so the screen then holds still on the first item.
import { useEffect, useState } from 'react';

/** How long each upcoming event shows on the attract screen. */
export const ATTRACT_ROTATE_MS = 6_000;

const reducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/** The index of the item to show, among `count`. */
export function useRotation(count: number, intervalMs: number = ATTRACT_ROTATE_MS): number {
  const [index, setIndex] = useState(0);
  const [still, setStill] = useState(reducedMotion);
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    if (!query) return;
    const follow = () => setStill(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  useEffect(() => {
    if (still || count < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), intervalMs);
    return () => clearInterval(timer);
  }, [still, count, intervalMs]);
  return count === 0 ? 0 : index % count;
}
