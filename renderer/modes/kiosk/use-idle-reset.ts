// The kiosk left alone: any touch, key or typing restarts the clock; after IDLE_WARNING_MS it asks "Are you still
// there?", after IDLE_RESET_MS it starts over. The attract screen has nothing to lose and is never timed.
import { useEffect, useState } from 'react';

/** No touch for this long: "Are you still there?" */
export const IDLE_WARNING_MS = 60_000;
/** No touch for this long: start over. */
export const IDLE_RESET_MS = 90_000;

/** Whether the warning shows, and a way to dismiss it; `reset` runs when the time is up. */
export function useIdleReset(active: boolean, screen: string, reset: () => void): [boolean, () => void] {
  const [warning, setWarning] = useState(false);
  useEffect(() => {
    if (!active) return;
    let warnTimer: ReturnType<typeof setTimeout>;
    let resetTimer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(warnTimer);
      clearTimeout(resetTimer);
      setWarning(false);
      warnTimer = setTimeout(() => setWarning(true), IDLE_WARNING_MS);
      resetTimer = setTimeout(reset, IDLE_RESET_MS);
    };
    arm();
    const activity = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;
    for (const type of activity) window.addEventListener(type, arm, { capture: true, passive: true });
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(resetTimer);
      for (const type of activity) window.removeEventListener(type, arm, { capture: true });
    };
  }, [active, screen, reset]);
  return [warning, () => setWarning(false)];
}
