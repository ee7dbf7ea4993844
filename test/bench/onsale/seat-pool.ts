// What bench:onsale's buyers believe is still free: one shared view (like the live seat view every browser shows),
// picked at random. Seats someone is holding right now look taken to the others, except to one pick in STALE (a view
// a moment behind), so concurrent buyers sometimes want the same seat and the database must refuse one of them. A seat
// leaves the view when a hold of it succeeds (a refused buyer simply picks again).

/** One pick in this many sees a stale view (ignores the holds in flight). */
const STALE = 10;

export class SeatPool {
  private free: string[];
  private readonly gone = new Set<string>();
  private readonly inFlight = new Set<string>();
  private picks = 0;

  constructor(seatIds: string[]) {
    this.free = [...seatIds];
  }

  /** Seats in `free` that someone took since the last compaction. */
  private goneInFree = 0;

  get size(): number {
    return this.free.length - this.goneInFree;
  }

  /** Up to `count` distinct seats believed free (fewer near the end), in flight until `settle`. */
  pick(count: number): string[] {
    this.compact();
    const stale = ++this.picks % STALE === 0;
    const picked = new Set<string>();
    for (let tries = 0; picked.size < count && tries < count * 20 && this.free.length > 0; tries++) {
      const seat = this.free[Math.floor(Math.random() * this.free.length)]!;
      if (!this.gone.has(seat) && (stale || !this.inFlight.has(seat))) picked.add(seat);
    }
    for (const seat of picked) this.inFlight.add(seat);
    return [...picked];
  }

  /** The hold of picked seats was answered: held (they leave the view) or refused (they look free again). */
  settle(seatIds: string[], held: boolean): void {
    for (const seat of seatIds) this.inFlight.delete(seat);
    if (!held) return;
    for (const seat of seatIds) {
      if (this.gone.has(seat)) continue;
      this.gone.add(seat);
      this.goneInFree++;
    }
  }

  private compact(): void {
    if (this.goneInFree * 4 < this.free.length) return;
    this.free = this.free.filter((seat) => !this.gone.has(seat));
    this.goneInFree = 0;
  }
}
