// The random places of arrivals before the opening: a keyed permutation of 1..N, a bijection for every N and key,
// different keys giving different orders, and no visible pattern (not the identity, not a shift).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permutedPlace, type PermutationKey } from '../../../cloud/domain/queue/permutation.ts';

const keyArb = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()) as fc.Arbitrary<PermutationKey>;

describe('permutedPlace', () => {
  it('is a bijection on 1..N for many N and keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), keyArb, (size, key) => {
        const seen = new Set<number>();
        for (let n = 1; n <= size; n++) {
          const place = permutedPlace(n, size, key);
          if (place >= 1 && place <= size) seen.add(place);
        }
        expect(seen.size).toBe(size);
      }),
      { numRuns: 60 },
    );
  });

  it('covers exact powers of two and their neighbours', () => {
    const key: PermutationKey = [1, 2, 3, 4];
    for (const size of [1, 2, 3, 4, 5, 15, 16, 17, 255, 256, 257, 4096, 65_536]) {
      const places = new Set(Array.from({ length: size }, (_, i) => permutedPlace(i + 1, size, key)));
      expect(places.size, `size ${size}`).toBe(size);
    }
  });

  it('shuffles: the order depends on the key, and is far from arrival order', () => {
    const size = 1000;
    const order = (key: PermutationKey) => Array.from({ length: size }, (_, i) => permutedPlace(i + 1, size, key));
    const a = order([11, 22, 33, 44]);
    const b = order([11, 22, 33, 45]);
    expect(a).not.toEqual(b);
    // Arrivals keeping their own place: about one expected in a random permutation, never most of them.
    expect(a.filter((place, i) => place === i + 1).length).toBeLessThan(10);
    // The first tenth of the arrivals is spread over the line, not bunched at its front.
    expect(a.slice(0, 100).filter((place) => place <= 100).length).toBeLessThan(30);
  });

  it('refuses arrivals out of range', () => {
    expect(() => permutedPlace(0, 5, [1, 2, 3, 4])).toThrow(RangeError);
    expect(() => permutedPlace(6, 5, [1, 2, 3, 4])).toThrow(RangeError);
  });

  it('gives distinct places in a stadium-sized line', () => {
    const size = 5_000_000;
    const key: PermutationKey = [7, 8, 9, 10];
    const sample = Array.from({ length: 10_000 }, (_, i) => permutedPlace(i * 499 + 1, size, key));
    expect(new Set(sample).size).toBe(sample.length);
    expect(Math.max(...sample)).toBeLessThanOrEqual(size);
  });
});
