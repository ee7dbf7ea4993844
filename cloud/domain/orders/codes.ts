// Identifiers people read or that cross to a payment provider: order codes, the provider idempotency keys derived
// from an order, and the hash that tells a replayed request from a different one under the same key.
import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32 without I, L, O, U: nothing to misread at a counter. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Eight characters a person can read out and type, like `7K3M-9QXA`: 40 random bits. */
export function readableCode(random: Uint8Array = randomBytes(5)): string {
  let bits = 0n;
  for (const byte of random.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let i = 0; i < 8; i++) {
    text = ALPHABET[Number(bits & 31n)]! + text;
    bits >>= 5n;
  }
  return `${text.slice(0, 4)}-${text.slice(4)}`;
}

/** What was typed (any case, spaces or dashes, O for 0, I or L for 1) as `XXXX-XXXX`, or null if it cannot be one. */
export function normalizeReadableCode(input: string, prefix = ''): string | null {
  let compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (prefix && compact.startsWith(prefix)) compact = compact.slice(prefix.length);
  compact = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** An order code like `TB-7K3M-9QXA`: 40 random bits, never sequential. */
export const newOrderCode = (random?: Uint8Array): string => `TB-${readableCode(random)}`;

/** Normalises what a clerk typed (`tb7k3m9qxa`, `TB-7K3M-9QXA`) to the stored form, or null if it cannot be one. */
export function normalizeOrderCode(input: string): string | null {
  const code = normalizeReadableCode(input, 'TB');
  return code && `TB-${code}`;
}

/**
 * The idempotency key a provider call carries, derived from what it is for, so a retry sends the same key.
 * Amazon Pay takes at most 32 characters of [A-Za-z0-9_-]: the 16 bytes of a UUID are 22 base64url characters,
 * and the purpose adds at most 9.
 */
export function providerIdempotencyKey(uuid: string, purpose: string): string {
  if (!/^[a-z0-9]{1,9}$/.test(purpose)) throw new Error(`bad idempotency purpose: ${purpose}`);
  const bytes = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  if (bytes.length !== 16) throw new Error(`not a uuid: ${uuid}`);
  return `${bytes.toString('base64url')}_${purpose}`;
}

/** The hash of a request that an Idempotency-Key stands for: method, path and the parsed body, keys sorted. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)
    .digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
