// Calls to AWS in parallel, but not unboundedly: a stadium's watchers or a wave of gone connections would otherwise
// open thousands of sockets at once from one Lambda instance.

/** Runs `work` for every item, at most `limit` at a time; rejects with the first failure (the rest are not started). */
export async function forEachAtMost<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
