// Keyboard movement between seats: along a row, to the row in front or behind (the nearest seat there), and from
// section to section. Seats of a row are contiguous in seat-map order, rows of a section follow each other.
import type { SeatMapModel } from './model.ts';

export type Move = 'left' | 'right' | 'up' | 'down' | 'nextSection' | 'previousSection' | 'home' | 'end';

export class SeatNavigator {
  /** Per section, the first seat of each of its rows, in order. */
  private readonly rowStarts: number[][];

  constructor(private readonly model: SeatMapModel) {
    this.rowStarts = model.sections.map(() => []);
    for (let seat = 0; seat < model.seatCount; seat++) {
      if (seat === 0 || !this.sameRow(seat, seat - 1)) this.rowStarts[model.section[seat]!]!.push(seat);
    }
  }

  private sameRow(a: number, b: number): boolean {
    return this.model.section[a] === this.model.section[b] && this.model.rows[a] === this.model.rows[b];
  }

  private rowOf(seat: number): { starts: number[]; index: number } {
    const starts = this.rowStarts[this.model.section[seat]!]!;
    let index = 0;
    for (let i = 0; i < starts.length && starts[i]! <= seat; i++) index = i;
    return { starts, index };
  }

  private rowEnd(start: number): number {
    let end = start;
    while (end + 1 < this.model.seatCount && this.sameRow(end + 1, start)) end++;
    return end;
  }

  /** Where a move from `seat` lands (the same seat when there is nowhere to go). -1 starts at the first seat. */
  move(seat: number, move: Move): number {
    const { model } = this;
    if (model.seatCount === 0) return -1;
    if (seat < 0) return 0;
    switch (move) {
      case 'left':
        return seat > 0 && this.sameRow(seat, seat - 1) ? seat - 1 : seat;
      case 'right':
        return seat + 1 < model.seatCount && this.sameRow(seat, seat + 1) ? seat + 1 : seat;
      case 'home':
        return this.rowOf(seat).starts[this.rowOf(seat).index]!;
      case 'end':
        return this.rowEnd(this.rowOf(seat).starts[this.rowOf(seat).index]!);
      case 'up':
      case 'down': {
        const { starts, index } = this.rowOf(seat);
        const target = index + (move === 'up' ? -1 : 1);
        if (target < 0 || target >= starts.length) return seat;
        return this.nearestInRow(starts[target]!, model.x[seat]!, model.y[seat]!);
      }
      case 'nextSection':
      case 'previousSection': {
        const sections = this.rowStarts.length;
        const step = move === 'nextSection' ? 1 : -1;
        for (let k = 1; k <= sections; k++) {
          const section = (model.section[seat]! + step * k + sections) % sections;
          const first = this.rowStarts[section]![0];
          if (first !== undefined) return first;
        }
        return seat;
      }
    }
  }

  private nearestInRow(start: number, x: number, y: number): number {
    const end = this.rowEnd(start);
    let best = start;
    let bestDistance = Infinity;
    for (let seat = start; seat <= end; seat++) {
      const distance = (this.model.x[seat]! - x) ** 2 + (this.model.y[seat]! - y) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = seat;
      }
    }
    return best;
  }
}

/** The key → move map the engine uses. */
export const KEY_MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageDown: 'nextSection',
  PageUp: 'previousSection',
  Home: 'home',
  End: 'end',
};
