// The waitlist's bearer tokens, derived from a server secret (like order access tokens) so that the offer email, sent
// later by a job, can put the claim token in its link without it ever being stored: the rows keep only its hash.
// The entry token lets its buyer leave the line; the claim token is also the token of the offer's hold.
import { createHash, timingSafeEqual } from 'node:crypto';
import { deriveToken } from '../access/derived-tokens.ts';

export class WaitlistTokens {
  constructor(private readonly key: Buffer) {}

  entryToken(entryId: string): string {
    return deriveToken(this.key, 'waitlist-entry', entryId);
  }

  claimToken(offerId: string): string {
    return deriveToken(this.key, 'waitlist-claim', offerId);
  }
}

export const hashWaitlistToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether the token is the one whose hash is kept, compared in constant time. */
export function tokenMatches(token: string | undefined, storedHash: string): boolean {
  if (!token) return false;
  const given = Buffer.from(hashWaitlistToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
