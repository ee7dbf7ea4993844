// Splitting a whole amount over parts in proportion to their weights, exactly (largest remainder, Hamilton's
// method): each part gets the floor of its share, and the units left over go one each to the parts with the largest
// remainders (ties: the earlier part). The shares add up to the amount, and no part gets more than its weight when
// the amount is at most the sum of the weights — so a discount never takes a line below zero, and a refund never
// gives back more of a part than it holds.

/** Shares of `amount` proportional to `weights` (whole numbers ≥ 0). With all weights 0 the amount must be 0. */
export function allocateByWeight(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`amount must be a whole number ≥ 0: ${amount}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new Error('weights must be whole numbers ≥ 0');
  const totalWeight = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (totalWeight === 0n) {
    if (amount !== 0) throw new Error('cannot allocate a nonzero amount over zero weights');
    return weights.map(() => 0);
  }
  const shares = weights.map((w) => {
    const exact = BigInt(amount) * BigInt(w);
    return { floor: exact / totalWeight, remainder: exact % totalWeight };
  });
  let left = BigInt(amount) - shares.reduce((sum, s) => sum + s.floor, 0n);
  const order = shares
    .map((share, index) => ({ index, remainder: share.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = shares.map((share) => Number(share.floor));
  for (const { index } of order) {
    if (left === 0n) break;
    result[index]! += 1;
    left -= 1n;
  }
  return result;
}

/** Shares of `amount` over parts each capped at its `cap` (proportional to the caps); amount ≤ sum of caps. */
export function allocateWithinCaps(amount: number, caps: readonly number[]): number[] {
  const room = caps.reduce((sum, cap) => sum + cap, 0);
  if (amount > room) throw new Error(`cannot allocate ${amount} within caps totalling ${room}`);
  return allocateByWeight(amount, caps);
}
