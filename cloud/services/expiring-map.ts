// A small in-process cache whose entries expire a fixed time after they were set and whose size is capped (issue 20:
// caches keyed by a URL's event id must not grow with every random id a client sends). Entries are kept in the order
// they were set, so the expired ones are always at the front: each set drops those, and then the oldest past the cap.
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; setAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
  ) {}

  /** The value set less than the time to live before `now`, or undefined. */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    return entry && now - entry.setAt < this.ttlMs ? entry.value : undefined;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, setAt: now });
    for (const [oldest, entry] of this.entries) {
      if (now - entry.setAt < this.ttlMs && this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
