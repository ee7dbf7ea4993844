// A uniform grid over the seats: cells of a few seats across, stored flat (cell → a run in one Int32Array), so that
// finding the seats in a rectangle or the seat under a finger touches only the cells nearby.
export class SeatGrid {
  readonly cellSize: number;
  readonly columns: number;
  readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly cellSeats: Int32Array;

  constructor(
    private readonly x: Float32Array,
    private readonly y: Float32Array,
    width: number,
    height: number,
    cellSize: number,
  ) {
    this.cellSize = cellSize;
    this.columns = Math.max(1, Math.ceil(width / cellSize));
    this.rows = Math.max(1, Math.ceil(height / cellSize));
    const cells = this.columns * this.rows;
    const counts = new Int32Array(cells + 1);
    const cellOf = new Int32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const cell = this.cellAt(x[i]!, y[i]!);
      cellOf[i] = cell;
      counts[cell + 1]!++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1]! += counts[c]!;
    this.cellStart = counts;
    this.cellSeats = new Int32Array(x.length);
    const fill = counts.slice(0, cells);
    for (let i = 0; i < x.length; i++) this.cellSeats[fill[cellOf[i]!]!++] = i;
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor(x / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor(y / this.cellSize)));
  }

  private cellAt(x: number, y: number): number {
    return this.row(y) * this.columns + this.column(x);
  }

  /** Calls visit for every seat whose centre may lie in the rectangle (cells overlapping it). */
  forEachInRect(minX: number, minY: number, maxX: number, maxY: number, visit: (seat: number) => void): void {
    if (maxX < 0 || maxY < 0) return;
    const c0 = this.column(minX);
    const c1 = this.column(maxX);
    const r0 = this.row(minY);
    const r1 = this.row(maxY);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.columns + c;
        for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) visit(this.cellSeats[k]!);
      }
    }
  }

  /** The seat nearest to (x, y) within maxDistance, or -1. */
  nearest(x: number, y: number, maxDistance: number): number {
    let best = -1;
    let bestDistance = maxDistance * maxDistance;
    this.forEachInRect(x - maxDistance, y - maxDistance, x + maxDistance, y + maxDistance, (seat) => {
      const dx = this.x[seat]! - x;
      const dy = this.y[seat]! - y;
      const distance = dx * dx + dy * dy;
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = seat;
      }
    });
    return best;
  }
}
