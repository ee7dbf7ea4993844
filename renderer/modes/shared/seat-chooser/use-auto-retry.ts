// A hold the API refused as too many requests (429) is tried again by itself: after the shared back-off (never sooner
// than the Retry-After, with jitter so a crowd does not come back in step), counting down; the buyer may try at once.
// A few times in a row at most, then the refusal stays on screen with the chooser's own button. The manual "Try again"
// of a busy on-sale becomes waiting. Only 429: it is refused before any work. A hold carries no Idempotency-Key, and a
// 503 may come after the hold was made (a proxy's timeout), so trying it again by itself could hold twice: a 503 stays
// on screen as a refusal, as before.
import { useCallback, useEffect, useRef, useState } from 'react';
import { backOffMs, type BackOffRule } from '../../../../cloud/domain/retry/back-off.ts';
import { ApiError } from '../../../client/ticketing-client.ts';

/** Tries in a row by itself before it leaves the buyer to choose. */
const MAX_AUTOMATIC_TRIES = 5;
/** A buyer is looking at the countdown: waits grow to 30 s at most (a longer Retry-After is still honoured). */
const HOLD_BACK_OFF: BackOffRule = { baseMs: 1000, capMs: 30_000, spread: 0.5 };

/** Whether a refused hold may be tried again by itself: only when it was refused before any work (429). */
export function isRetryableHoldRefusal(failure: unknown): failure is ApiError {
  return failure instanceof ApiError && failure.status === 429;
}

export interface AutoRetry {
  /** Whole seconds before the next try, or null when none is planned. */
  secondsLeft: number | null;
  /** After a failure: plans `again` if it was a 429 (and not too often in a row); says whether it did. */
  plan(failure: unknown, again: () => void): boolean;
  /** Drops the planned try (a new choice is being held). */
  cancel(): void;
  /** A try went through: the next busy answer starts again from the first wait. */
  succeeded(): void;
  /** The buyer's "Try now": the planned try, at once. */
  tryNow(): void;
}

export function useAutoRetry(): AutoRetry {
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const tries = useRef(0);
  const again = useRef<(() => void) | null>(null);

  const cancel = useCallback(() => {
    again.current = null;
    setDeadline(null);
  }, []);
  const tryNow = useCallback(() => {
    const run = again.current;
    cancel();
    run?.();
  }, [cancel]);

  useEffect(() => {
    if (deadline === null) return;
    setNow(Date.now());
    const fire = setTimeout(tryNow, Math.max(0, deadline - Date.now()));
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => {
      clearTimeout(fire);
      clearInterval(tick);
    };
  }, [deadline, tryNow]);

  const plan = useCallback((failure: unknown, next: () => void) => {
    if (!isRetryableHoldRefusal(failure) || tries.current >= MAX_AUTOMATIC_TRIES) {
      tries.current = 0;
      return false;
    }
    tries.current++;
    const retryAfter = failure.body.retryAfterSeconds;
    const wait = backOffMs(
      tries.current,
      retryAfter === undefined ? null : retryAfter * 1000,
      Math.random,
      HOLD_BACK_OFF,
    );
    again.current = next;
    setDeadline(Date.now() + wait);
    return true;
  }, []);

  const succeeded = useCallback(() => {
    tries.current = 0;
  }, []);

  const secondsLeft = deadline === null ? null : Math.max(1, Math.ceil((deadline - now) / 1000));
  return { secondsLeft, plan, cancel, succeeded, tryNow };
}
