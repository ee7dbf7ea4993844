// The solutions of the proof of work used in this process, until their challenge goes stale: one solve joins once.
// Bounded (a flood of joins cannot grow it without end: the oldest are forgotten first).
const MAX_REMEMBERED = 200_000;

export class SolvedChallenges {
  /** solution → when its challenge goes stale (ms); Map keeps insertion order, oldest first. */
  private readonly seen = new Map<string, number>();

  /** Records a solution; false when it was used already. */
  add(solution: string, staleAt: number, now: number): boolean {
    if (this.seen.has(solution) && this.seen.get(solution)! > now) return false;
    for (const [key, until] of this.seen) {
      if (until > now && this.seen.size < MAX_REMEMBERED) break;
      this.seen.delete(key);
    }
    this.seen.set(solution, staleAt);
    return true;
  }
}
