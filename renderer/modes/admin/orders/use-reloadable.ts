// Loads what a screen shows and reads it again after a change without unmounting the screen: the last value stays on
// screen while the next loads (so a form keeps its message and focus), and a failed reload keeps it too.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Reloadable<T> {
  value: T | null;
  /** The last load's failure (a first load's, or a reload's while the last value stays). */
  failure: unknown;
  reload(): void;
}

export function useReloadable<T>(load: () => Promise<T>, deps: unknown[]): Reloadable<T> {
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const latest = useRef(0);
  const reload = useCallback(() => {
    const attempt = ++latest.current;
    load().then(
      (loaded) => {
        if (attempt !== latest.current) return;
        setValue(loaded);
        setFailure(null);
      },
      (error: unknown) => attempt === latest.current && setFailure(error),
    );
  }, deps);
  useEffect(() => {
    setValue(null);
    reload();
  }, [reload]);
  return { value, failure, reload };
}
