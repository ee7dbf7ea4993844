// The proof of work: a solved nonce verifies, a wrong one (or for another session or challenge) does not, and the
// leading-zero count is exact.
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solveChallenge, solvesChallenge } from '../../../cloud/domain/queue/pow.ts';

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x10]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('a solved nonce verifies for its challenge and session only', async () => {
    const session = 'session-abcdefghijkl';
    const nonce = (await solveChallenge('challenge-1', session, 10))!;
    expect(nonce).toMatch(/^[0-9]+$/);
    expect(await solvesChallenge('challenge-1', session, nonce, 10)).toBe(true);
    // Another session or challenge needs its own work (a chance of 1 in 1024 each that it happens to solve it too).
    const elsewhere = await Promise.all([
      solvesChallenge('challenge-1', 'session-other-abcdefg', nonce, 10),
      solvesChallenge('challenge-2', session, nonce, 10),
    ]);
    expect(elsewhere.filter(Boolean).length).toBeLessThan(2);
  });

  it('a nonce that does not solve it is refused; bits 0 asks nothing', async () => {
    const session = 'session-abcdefghijkl';
    const nonce = (await solveChallenge('challenge-3', session, 8))!;
    const wrong = String(Number(nonce) === 0 ? 1 : 0);
    // Either nonce below the solver's first answer failed, by construction of the search (0, 1, 2…).
    if (Number(wrong) < Number(nonce)) expect(await solvesChallenge('challenge-3', session, wrong, 8)).toBe(false);
    expect(await solvesChallenge('anything', session, '0', 0)).toBe(true);
    expect(await solveChallenge('challenge-4', session, 24, 10)).toBeNull();
  });
});
