// The proof of work of joining, off the page's thread: the first nonce whose SHA-256 of `challenge:session:nonce`
// starts with `bits` zero bits (what the server checks, cloud/contract/queue.ts). Hashes in batches so the digests
// of one batch run together.
export interface PowRequest {
  challenge: string;
  session: string;
  bits: number;
}

const BATCH = 256;
const encoder = new TextEncoder();

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

export async function solve({ challenge, session, bits }: PowRequest): Promise<string> {
  const prefix = `${challenge}:${session}:`;
  for (let start = 0; ; start += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) => crypto.subtle.digest('SHA-256', encoder.encode(prefix + (start + i)))),
    );
    const found = digests.findIndex((digest) => leadingZeroBits(new Uint8Array(digest)) >= bits);
    if (found >= 0) return String(start + found);
  }
}

// In a worker (no document): answer each request with its nonce. The DOM typings know `self` only as a window.
if (typeof document === 'undefined' && typeof self !== 'undefined') {
  const scope = self as unknown as { onmessage: unknown; postMessage: (nonce: string) => void };
  scope.onmessage = (message: MessageEvent<PowRequest>) => {
    void solve(message.data).then((nonce) => scope.postMessage(nonce));
  };
}
