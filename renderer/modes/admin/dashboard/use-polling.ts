// Reads something now and again every `intervalMs` while the page is visible, keeping the last answer on screen
// while the next is on its way (a dashboard must not flash "loading" every few seconds). A failed read keeps the
// last figures and says so; the next read tries again.
import { useCallback, useEffect, useRef, useState } from 'react';

/** How often the dashboard reads its figures: a sale shows at most this long plus one read after it. */
export const DASHBOARD_REFRESH_MS = 1000;

export interface Polled<T> {
  value: T | undefined;
  /** The last read's failure, cleared by the next success. */
  error: unknown;
  /** When the value was read (epoch ms). */
  at: number | undefined;
  refresh(): void;
}

export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  deps: unknown[],
): Polled<T> {
  const [state, setState] = useState<{ value?: T; error?: unknown; at?: number }>({});
  const [nudge, setNudge] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Fixed rate: the next read starts `intervalMs` after this one started (at once if this one took longer), so
    // a sale waits at most one interval plus one read.
    const tick = async () => {
      const started = Date.now();
      if (document.visibilityState !== 'hidden') {
        try {
          const value = await loadRef.current(controller.signal);
          if (controller.signal.aborted) return;
          setState({ value, at: Date.now() });
        } catch (error) {
          if (controller.signal.aborted) return;
          setState((current) => ({ ...current, error }));
        }
      }
      timer = setTimeout(() => void tick(), Math.max(0, started + intervalMs - Date.now()));
    };
    void tick();
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer);
        void tick();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, nudge, ...deps]);
  const refresh = useCallback(() => setNudge((n) => n + 1), []);
  return { value: state.value, error: state.error, at: state.at, refresh };
}
