// The random places of the buyers who arrived before the opening, without storing them: a keyed pseudo-random
// permutation of 1..N (N: the arrivals before the opening, frozen when it opens). A balanced Feistel network over the
// smallest even power of two ≥ N, cycle-walked back into range, so place = perm(arrival) and no place is given twice or
// skipped. Keyed per event (the service derives the round keys from the server secret): nobody can tell the order
// in advance, and every process computes the same place for the same arrival.

/** Four 32-bit round keys (a Feistel network of four rounds is a pseudo-random permutation). */
export type PermutationKey = readonly [number, number, number, number];

/** Largest N the permutation covers (two halves of 16 bits each). */
export const MAX_PERMUTED = 2 ** 32;

/** A 32-bit mixer (murmur3's finalizer) of the half with the round key: any function keeps the network a bijection. */
function round(half: number, key: number, mask: number): number {
  let x = (half ^ key) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) & mask;
}

/** Bits per half: the smallest h with 2^(2h) ≥ size (at least 1). */
function halfBits(size: number): number {
  let bits = 1;
  while (2 ** (2 * bits) < size) bits++;
  return bits;
}

function feistel(value: number, key: PermutationKey, bits: number): number {
  const mask = 2 ** bits - 1;
  const scale = 2 ** bits;
  let left = Math.floor(value / scale);
  let right = value % scale;
  for (const roundKey of key) {
    const next = (left ^ round(right, roundKey, mask)) >>> 0;
    left = right;
    right = next;
  }
  return left * scale + right;
}

/**
 * The place (1..size) of arrival `n` (1..size). Cycle walking: apply the network until the value falls in range;
 * since the domain is less than four times `size`, that takes fewer than four steps on average.
 */
export function permutedPlace(n: number, size: number, key: PermutationKey): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PERMUTED) throw new RangeError(`size ${size} out of range`);
  if (!Number.isInteger(n) || n < 1 || n > size) throw new RangeError(`arrival ${n} not in 1..${size}`);
  if (size === 1) return 1;
  const bits = halfBits(size);
  let value = n - 1;
  do value = feistel(value, key, bits);
  while (value >= size);
  return value + 1;
}
