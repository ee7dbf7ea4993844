// The waiting room's proof of work, shared by the server (verify) and the browser (solve, e.g. in a Worker): a nonce
// such that SHA-256(challenge ":" session ":" nonce) starts with `bits` zero bits. Web Crypto's SHA-256
// (globalThis.crypto.subtle: browsers, Workers and Node ≥ 19 alike), so this file imports nothing and runs anywhere;
// the server checks one hash per join, a browser tries about 2^bits.

const encoder = new TextEncoder();

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

async function digestOf(challenge: string, session: string, nonce: string): Promise<Uint8Array> {
  const bytes = encoder.encode(`${challenge}:${session}:${nonce}`);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

/** Whether `nonce` solves the challenge for this session at `bits`. */
export async function solvesChallenge(
  challenge: string,
  session: string,
  nonce: string,
  bits: number,
): Promise<boolean> {
  if (bits <= 0) return true;
  return leadingZeroBits(await digestOf(challenge, session, nonce)) >= bits;
}

/**
 * Finds a nonce (decimal) that solves the challenge, trying 0, 1, 2… About 2^bits hashes; `maxTries` stops it (then
 * null). For tests, benches and the shop's Worker.
 */
export async function solveChallenge(
  challenge: string,
  session: string,
  bits: number,
  maxTries = 2 ** (bits + 6),
): Promise<string | null> {
  for (let nonce = 0; nonce < maxTries; nonce++) {
    if (await solvesChallenge(challenge, session, String(nonce), bits)) return String(nonce);
  }
  return null;
}
