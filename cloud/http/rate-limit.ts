// Rate limits per principal or client address: a sliding window estimated from two fixed windows (the previous
// window's count weighted by how much of it still overlaps), in memory. In AWS the API Gateway usage plan and WAF
// rate rules stand in front; this keeps one abusive client from the sign-in and hold paths of one process.
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number; previous: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request for `key`; throws rate_limited when the window is full. */
  take(key: string, rule: RateLimit): void {
    const windowMs = rule.windowSeconds * 1000;
    const now = this.now();
    const start = now - (now % windowMs);
    let entry = this.windows.get(key);
    if (!entry || entry.start !== start) {
      const previous = entry && entry.start === start - windowMs ? entry.count : 0;
      entry = { start, count: 0, previous };
      this.windows.set(key, entry);
      if (this.windows.size > 100_000) this.prune(start - windowMs);
    }
    const overlap = 1 - (now - start) / windowMs;
    // Rounded up: the estimate never lets through more than a true sliding window would.
    const estimate = Math.ceil(entry.previous * overlap) + entry.count;
    if (estimate >= rule.limit) {
      const retryAfter = Math.max(1, Math.ceil(this.msUntilRoom(entry, rule.limit, start, windowMs, now) / 1000));
      throw new DomainError('rate_limited', `Too many requests; try again in ${retryAfter} s.`, {
        retryable: true,
        retryAfterSeconds: retryAfter,
      });
    }
    entry.count++;
  }

  /**
   * How long until the estimate lets one more request through: the moment the previous window's weighted share has
   * slid out far enough, within this window if this window's own count leaves room, else in the next one (where this
   * window's count is the share that slides out). Not simply the end of the window: a full window still weighs on the
   * next, and a client told to come back then would be refused again.
   */
  private msUntilRoom(
    entry: { count: number; previous: number },
    limit: number,
    start: number,
    windowMs: number,
    now: number,
  ): number {
    // ceil(share × (1 − elapsed)) + count < limit  ⟺  share × (1 − elapsed) ≤ limit − 1 − count (an integer).
    const room = limit - 1 - entry.count;
    if (room >= 0 && entry.previous > 0) return start + (1 - room / entry.previous) * windowMs - now;
    const elapsedInNext = entry.count > 0 ? Math.max(0, 1 - (limit - 1) / entry.count) : 0;
    return start + windowMs + elapsedInNext * windowMs - now;
  }

  private prune(before: number): void {
    for (const [key, entry] of this.windows) if (entry.start < before) this.windows.delete(key);
  }
}

/** The caller's address: API Gateway's sourceIp in Lambda, the socket's peer on Node. */
export function clientAddress(c: Context): string {
  const env = c.env as
    | {
        incoming?: { socket?: { remoteAddress?: string } };
        event?: { requestContext?: { http?: { sourceIp?: string } } };
      }
    | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
