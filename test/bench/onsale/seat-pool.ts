// What bench:onsale's buyers believe is still free: one shared view (like the live seat view every browser shows),
// with picks that crowd towards the best seats, so concurrent buyers sometimes want the same seat and the database
// must refuse one of them. A seat leaves the view when a hold of it succeeds (a refused buyer simply picks again).

export class SeatPool {
  private free: string[];
  private readonly gone = new Set<string>();

  constructor(seatIds: string[]) {
    this.free = [...seatIds];
  }

  /** Seats in `free` that someone took since the last compaction. */
  private goneInFree = 0;

  get size(): number {
    return this.free.length - this.goneInFree;
  }

  /** Up to `count` distinct seats believed free, biased towards the front (the best seats), or fewer near the end. */
  pick(count: number): string[] {
    this.compact();
    const picked = new Set<string>();
    for (let tries = 0; picked.size < count && tries < count * 20 && this.free.length > 0; tries++) {
      const seat = this.free[Math.floor(Math.random() ** 2 * this.free.length)]!;
      if (!this.gone.has(seat)) picked.add(seat);
    }
    return [...picked];
  }

  /** Seats a buyer now holds. */
  remove(seatIds: string[]): void {
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
