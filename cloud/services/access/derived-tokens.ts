// Bearer tokens derived from a server secret and what they open (HMAC-SHA256 of `<purpose>:<id>`, base64url), so that
// a job or a link can carry one without it ever being stored; and their comparison in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The token of `id` for `purpose` (e.g. 'wallet-pass', 'ticket-transfer'); `length` cuts it to that many characters. */
export function deriveToken(key: Buffer, purpose: string, id: string, length?: number): string {
  const token = createHmac('sha256', key).update(`${purpose}:${id}`).digest('base64url');
  return length === undefined ? token : token.slice(0, length);
}

/** Whether the given token is the expected one, compared in constant time. */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
