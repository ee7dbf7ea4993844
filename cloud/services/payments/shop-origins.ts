// No open redirect (issue 21): every address a buyer is sent back to after paying must be on one of the shop's own
// origins (scheme, host and port), as configured: the local server's own address (and SHOP_ORIGINS), in AWS the
// shop's domain. Anything else is refused before an order or payment is written, with the field named.
import { DomainError } from '../../domain/errors.ts';

/** A URL parsed, or null when it is none (or not http/https). */
function httpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** `https://shop.example:8443` of a URL, or null when it is none (or not http/https). */
export const originOf = (url: string): string | null => httpUrl(url)?.origin ?? null;

/** The configured shop addresses as origins: a full URL counts for its origin, anything unparsable is left out. */
export const shopOriginsOf = (urls: readonly string[]): string[] =>
  urls.map(originOf).filter((origin): origin is string => origin !== null);

/** Refuses a redirect target off the shop's origins (400 `validation_failed` on `field`). */
export function assertShopUrl(url: string, origins: readonly string[], field: string): void {
  const parsed = httpUrl(url);
  // No user info either: `https://shop.example@evil.example` has evil's origin, but say so plainly.
  if (!parsed || !origins.includes(parsed.origin) || parsed.username || parsed.password) {
    throw new DomainError('validation_failed', `${field}: must be an address of this shop (${origins.join(', ')})`, {
      field,
    });
  }
}
