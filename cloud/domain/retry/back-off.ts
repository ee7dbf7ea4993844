// How long a client waits before it asks again: the one back-off rule of the shop, the kiosk and the box office.
// The server's Retry-After is a floor, never shortened; without one the wait doubles from a base. Jitter only
// lengthens the wait (up to `spread` more), so a crowd told "come back in 8 s" does not come back in the same
// millisecond, and nobody comes back before they were told. Pure: the caller passes the random source and the clock.

export interface BackOffRule {
  /** The first wait without a Retry-After. */
  baseMs: number;
  /** The longest wait the exponential part reaches; a longer Retry-After is still honoured. */
  capMs: number;
  /** Up to this share is added at random (0.5: the wait is 1 to 1.5 times its floor). */
  spread: number;
}

export const DEFAULT_BACK_OFF: BackOffRule = { baseMs: 1000, capMs: 5 * 60 * 1000, spread: 0.5 };

/** A dropped live socket (the browser's, the machines' relay): soon, the seats are on screen; at most every 10 s. The
 * jitter spreads a hub's thousands of watchers reconnecting after it restarts. */
export const LIVE_RECONNECT_BACK_OFF: BackOffRule = { baseMs: 500, capMs: 10_000, spread: 0.5 };

/**
 * The wait before attempt `attempt + 1` (`attempt` ≥ 1 is the number of tries that failed), in milliseconds:
 * max(Retry-After, base·2^(attempt−1) capped) × (1 + spread·random), at most max(cap, Retry-After).
 */
export function backOffMs(
  attempt: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
  rule: BackOffRule = DEFAULT_BACK_OFF,
): number {
  const exponential = Math.min(rule.capMs, rule.baseMs * 2 ** Math.max(0, attempt - 1));
  const floor = Math.max(retryAfterMs ?? 0, exponential);
  const jittered = floor * (1 + rule.spread * random());
  return Math.round(Math.min(jittered, Math.max(rule.capMs, retryAfterMs ?? 0)));
}

/**
 * A Retry-After header's wait in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or
 * not understood (the caller then backs off on its own). A date in the past is no wait.
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Whether an answer's status is the server asking to be asked again later (too many requests, or overloaded). */
export function isBackOffStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** A busy answer's (429, 503) Retry-After in whole seconds, for a problem handed on to a screen; else undefined. */
export function busyRetryAfterSeconds(status: number, header: string | null, now: Date): number | undefined {
  if (!isBackOffStatus(status)) return undefined;
  const ms = retryAfterMs(header, now);
  return ms === null ? undefined : Math.ceil(ms / 1000);
}

export interface RetryLimits {
  /** Tries after the first. */
  maxRetries: number;
  /** A wait longer than this is not waited out here: the error goes to the caller (a screen can say so). */
  maxWaitMs: number;
  /** Waits (the caller's timer: this module keeps no clock). */
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  rule?: BackOffRule;
}

/**
 * Runs `attempt`, and again after each back-off while `retryAfterOf` says its error may be retried: it answers the
 * error's Retry-After in ms (null: none given), or undefined for an error that must not be retried. Bounded by
 * `limits`; the last error is thrown as it was.
 */
export async function withBackOff<T>(
  attempt: () => Promise<T>,
  retryAfterOf: (error: unknown) => number | null | undefined,
  limits: RetryLimits,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter === undefined || tries > limits.maxRetries) throw error;
      const wait = backOffMs(tries, retryAfter, limits.random, limits.rule);
      if (wait > limits.maxWaitMs) throw error;
      await limits.sleep(wait);
    }
  }
}
