// A pass's authentication token for Apple's web service: derived from the ticket id with the order-token secret
// (HMAC), so nothing is stored and a device proves it holds the pass it asks about. Compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class PassTokens {
  constructor(private readonly key: Buffer) {}

  forTicket(ticketId: string): string {
    return createHmac('sha256', this.key).update(`wallet-pass:${ticketId}`).digest('base64url');
  }

  matches(ticketId: string, token: string): boolean {
    const expected = Buffer.from(this.forTicket(ticketId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
