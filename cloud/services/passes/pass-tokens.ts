// A pass's authentication token for Apple's web service: derived from the ticket id with the order-token secret
// (HMAC), so nothing is stored and a device proves it holds the pass it asks about. Compared in constant time.
import { deriveToken, sameToken } from '../access/derived-tokens.ts';

export class PassTokens {
  constructor(private readonly key: Buffer) {}

  forTicket(ticketId: string): string {
    return deriveToken(this.key, 'wallet-pass', ticketId);
  }

  matches(ticketId: string, token: string): boolean {
    return sameToken(token, this.forTicket(ticketId));
  }
}
