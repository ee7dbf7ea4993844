// bench:onsale's measures of a fair line, from what the buyers saw (times are wall-clock milliseconds, fractional).
// "Before" means happened-before: one answer arrived before the other request was sent, so requests in flight
// together are never called out of order (the server may order them either way).

export interface JoinSeen {
  /** When the join request was sent and when its answer arrived. */
  sentAt: number;
  answeredAt: number;
  place: number;
}

export interface AdmissionSeen {
  sentAt: number;
  answeredAt: number;
  place: number;
  admitted: boolean;
}

/**
 * Arrivals after the opening that got a place behind a buyer who had joined after them: the share of such joins
 * (goal 0: first come, first served).
 */
export function placesOutOfArrivalOrder(joins: JoinSeen[]): { outOfOrder: number; of: number } {
  const byAnswer = [...joins].sort((a, b) => a.answeredAt - b.answeredAt);
  // The highest place among joins answered by each moment.
  const highestSoFar: number[] = [];
  for (const join of byAnswer) highestSoFar.push(Math.max(highestSoFar.at(-1) ?? 0, join.place));
  let outOfOrder = 0;
  for (const join of joins) {
    const answeredBefore = countBefore(byAnswer, (j) => j.answeredAt, join.sentAt);
    if (answeredBefore > 0 && highestSoFar[answeredBefore - 1]! > join.place) outOfOrder++;
  }
  return { outOfOrder, of: joins.length };
}

/**
 * Admissions granted out of order: a buyer admitted although a buyer with a smaller place was refused ("not admitted
 * yet") after that admission had been given. The share of the admissions so granted (goal ≤ 1 %).
 */
export function admissionsOutOfOrder(seen: AdmissionSeen[]): { outOfOrder: number; of: number } {
  const refusals = seen.filter((a) => !a.admitted).sort((a, b) => a.sentAt - b.sentAt);
  // The smallest refused place among refusals sent at or after each index.
  const smallestFrom = new Array<number>(refusals.length + 1).fill(Infinity);
  for (let i = refusals.length - 1; i >= 0; i--) smallestFrom[i] = Math.min(smallestFrom[i + 1]!, refusals[i]!.place);
  const grants = seen.filter((a) => a.admitted);
  let outOfOrder = 0;
  for (const grant of grants) {
    const refusedLater = countBefore(refusals, (r) => r.sentAt, grant.answeredAt, true);
    if (smallestFrom[refusedLater]! < grant.place) outOfOrder++;
  }
  return { outOfOrder, of: grants.length };
}

/**
 * How random the places of the arrivals before the opening are: Spearman's rank correlation of arrival order and
 * place (0 for a fair shuffle; |ρ| above ~1.96/√(n−1) would be unlikely by chance), and the share of the first tenth
 * of arrivals that got a place in the first tenth (10 % for a fair shuffle; 100 % for a race to refresh).
 */
export function shuffleQuality(joins: JoinSeen[]): { rho: number; band: number; firstTenthKept: number; n: number } {
  const n = joins.length;
  if (n < 3) return { rho: NaN, band: NaN, firstTenthKept: NaN, n };
  const byArrival = [...joins].sort((a, b) => a.sentAt - b.sentAt);
  const placeRank = new Map([...byArrival].sort((a, b) => a.place - b.place).map((join, rank) => [join, rank]));
  let squares = 0;
  let firstTenth = 0;
  const tenth = Math.max(1, Math.floor(n / 10));
  byArrival.forEach((join, arrivalRank) => {
    const rank = placeRank.get(join)!;
    squares += (arrivalRank - rank) ** 2;
    if (arrivalRank < tenth && rank < tenth) firstTenth++;
  });
  return {
    rho: 1 - (6 * squares) / (n * (n * n - 1)),
    band: 1.96 / Math.sqrt(n - 1),
    firstTenthKept: firstTenth / tenth,
    n,
  };
}

/** How many items (sorted by key) have key < at (or ≤ at with inclusive), by binary search. */
function countBefore<T>(sorted: T[], key: (item: T) => number, at: number, inclusive = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const value = key(sorted[middle]!);
    if (value < at || (inclusive && value === at)) low = middle + 1;
    else high = middle;
  }
  return low;
}
