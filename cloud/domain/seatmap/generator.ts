// Realistic seat maps for demos, tests and benchmarks: a horseshoe theatre and a concert stadium.
// Pure and deterministic: the same arguments always give the same map.
import type { SeatMapImport, SeatMapSeat, SeatMapSection } from '../../contract/index.ts';

type Point = [number, number];

const round = (value: number) => Math.round(value * 10) / 10;

export function rowLabel(index: number): string {
  // A..Z, then AA..ZZ; theatres skip I and O, which read as 1 and 0.
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return index < letters.length
    ? letters[index]!
    : letters[Math.floor(index / letters.length) - 1]! + letters[index % letters.length]!;
}

interface ArcBlock {
  id: string;
  name: string;
  level: string;
  centre: Point;
  /** Angles in degrees, 0 pointing away from the stage (down the map), clockwise positive. */
  fromDeg: number;
  toDeg: number;
  innerRadius: number;
  rowDepth: number;
  rows: number;
  /** Seats in the first row; later rows gain seats with the arc length, at a steady pitch. */
  seatPitch: number;
  xScale?: number;
  rowName?: (index: number) => string;
  fixedSeatsPerRow?: number;
  decorate?: (seat: SeatMapSeat, rowIndex: number, seatIndex: number, seatsInRow: number) => void;
}

function polar(centre: Point, radius: number, deg: number, xScale = 1): Point {
  const rad = (deg * Math.PI) / 180;
  return [round(centre[0] + Math.sin(rad) * radius * xScale), round(centre[1] + Math.cos(rad) * radius)];
}

function arcPolygon(block: ArcBlock): Point[] {
  const outer = block.innerRadius + block.rows * block.rowDepth;
  const inner = block.innerRadius - block.rowDepth / 2;
  const steps = 8;
  const points: Point[] = [];
  for (let s = 0; s <= steps; s++)
    points.push(polar(block.centre, inner, block.fromDeg + ((block.toDeg - block.fromDeg) * s) / steps, block.xScale));
  for (let s = steps; s >= 0; s--)
    points.push(
      polar(
        block.centre,
        outer - block.rowDepth / 2,
        block.fromDeg + ((block.toDeg - block.fromDeg) * s) / steps,
        block.xScale,
      ),
    );
  return points;
}

function arcSeats(block: ArcBlock): SeatMapSeat[] {
  const seats: SeatMapSeat[] = [];
  const spanRad = (Math.abs(block.toDeg - block.fromDeg) * Math.PI) / 180;
  for (let rowIndex = 0; rowIndex < block.rows; rowIndex++) {
    const radius = block.innerRadius + rowIndex * block.rowDepth;
    const seatsInRow = block.fixedSeatsPerRow ?? Math.max(2, Math.floor((spanRad * radius) / block.seatPitch));
    const row = (block.rowName ?? rowLabel)(rowIndex);
    for (let seatIndex = 0; seatIndex < seatsInRow; seatIndex++) {
      const deg = block.fromDeg + ((block.toDeg - block.fromDeg) * (seatIndex + 0.5)) / seatsInRow;
      const [x, y] = polar(block.centre, radius, deg, block.xScale);
      const number = String(seatIndex + 1);
      const seat: SeatMapSeat = { id: `${block.id}-${row}-${number}`, sectionId: block.id, row, number, x, y };
      if (seatIndex === 0 || seatIndex === seatsInRow - 1) seat.aisle = true;
      block.decorate?.(seat, rowIndex, seatIndex, seatsInRow);
      seats.push(seat);
    }
  }
  return seats;
}

function section(block: ArcBlock): SeatMapSection {
  return { id: block.id, name: block.name, kind: 'seated', polygon: arcPolygon(block), level: block.level };
}

/** Shift every coordinate so the map starts at (margin, margin), and size it. */
function normalise(map: Omit<SeatMapImport, 'width' | 'height'>, margin = 20): SeatMapImport {
  const xs: number[] = [];
  const ys: number[] = [];
  const collect = (points: Point[]) => points.forEach(([x, y]) => (xs.push(x), ys.push(y)));
  collect(map.stage.polygon as Point[]);
  map.sections.forEach((s) => collect(s.polygon as Point[]));
  map.seats.forEach((s) => (xs.push(s.x), ys.push(s.y)));
  const minX = Math.min(...xs) - margin;
  const minY = Math.min(...ys) - margin;
  const shift = (points: Point[]): Point[] => points.map(([x, y]) => [round(x - minX), round(y - minY)]);
  return {
    ...map,
    width: Math.ceil(Math.max(...xs) - minX + margin),
    height: Math.ceil(Math.max(...ys) - minY + margin),
    stage: { ...map.stage, polygon: shift(map.stage.polygon as Point[]) },
    sections: map.sections.map((s) => ({ ...s, polygon: shift(s.polygon as Point[]) })),
    seats: map.seats.map((s) => ({ ...s, x: round(s.x - minX), y: round(s.y - minY) })),
  };
}

/**
 * A horseshoe theatre of about 2,500 seats: orchestra in three curved blocks (wheelchair spaces with companion
 * seats at the back), a mezzanine, a balcony with restricted-view ends, and four boxes.
 */
export function generateTheatre(name = 'Grand Theatre'): SeatMapImport {
  // Rows curve around a focal point upstage, so the middle of a row is nearest the stage, as in a real house.
  const centre: Point = [0, -140];
  const blocks: ArcBlock[] = [];
  const orchestra = { level: 'Orchestra', centre, innerRadius: 250, rowDepth: 15, rows: 26, seatPitch: 11 };
  const wheelchairRow = (seat: SeatMapSeat, rowIndex: number, seatIndex: number, seatsInRow: number) => {
    if (rowIndex !== orchestra.rows - 1) return;
    if (seatIndex < 2 || seatIndex >= seatsInRow - 2) seat.wheelchair = true;
    else if (seatIndex === 2 || seatIndex === seatsInRow - 3) seat.companion = true;
  };
  blocks.push({
    ...orchestra,
    id: 'ORCH-L',
    name: 'Orchestra Left',
    fromDeg: 33,
    toDeg: 11.5,
    decorate: wheelchairRow,
  });
  blocks.push({ ...orchestra, id: 'ORCH-C', name: 'Orchestra Centre', fromDeg: 10, toDeg: -10 });
  blocks.push({
    ...orchestra,
    id: 'ORCH-R',
    name: 'Orchestra Right',
    fromDeg: -11.5,
    toDeg: -33,
    decorate: wheelchairRow,
  });
  blocks.push({
    id: 'MEZZ',
    name: 'Mezzanine',
    level: 'Mezzanine',
    centre,
    fromDeg: 32,
    toDeg: -32,
    innerRadius: 660,
    rowDepth: 16,
    rows: 10,
    seatPitch: 11.5,
  });
  const restrictedEnds = (seat: SeatMapSeat, _row: number, seatIndex: number, seatsInRow: number) => {
    if (seatIndex < 3 || seatIndex >= seatsInRow - 3) seat.restrictedView = true;
  };
  blocks.push({
    id: 'BALC',
    name: 'Balcony',
    level: 'Balcony',
    centre,
    fromDeg: 30,
    toDeg: -30,
    innerRadius: 850,
    rowDepth: 16,
    rows: 10,
    seatPitch: 12,
    decorate: restrictedEnds,
  });
  const boxes: [string, string, number][] = [
    ['BOX-L1', 'Box L1', 44],
    ['BOX-L2', 'Box L2', 52],
    ['BOX-R1', 'Box R1', -44],
    ['BOX-R2', 'Box R2', -52],
  ];
  for (const [id, boxName, deg] of boxes) {
    blocks.push({
      id,
      name: boxName,
      level: 'Boxes',
      centre,
      fromDeg: deg + 3,
      toDeg: deg - 3,
      innerRadius: 470,
      rowDepth: 14,
      rows: 2,
      seatPitch: 11,
      fixedSeatsPerRow: 4,
      rowName: (i) => String(i + 1),
    });
  }
  const seats = blocks.flatMap(arcSeats);
  return normalise({
    name,
    stage: {
      label: 'Stage',
      polygon: [
        [-180, -90],
        [180, -90],
        [200, 40],
        [-200, 40],
      ],
    },
    sections: blocks.map(section),
    seats,
  });
}

export interface StadiumOptions {
  name?: string;
  /** Scale the number of seats per row (1 gives about 63,000 seats; ~1.6 gives 100,000). */
  seatScale?: number;
  gaCapacity?: number;
}

/**
 * A concert stadium: an oval bowl of three rings (120 sections, about 63,000 seats at scale 1), the stage at the
 * north end of the pitch, and a standing general admission floor in front of it.
 */
export function generateStadium(options: StadiumOptions = {}): SeatMapImport {
  const scale = options.seatScale ?? 1;
  const centre: Point = [0, 0];
  const rings = [
    { prefix: '1', level: 'Lower', sections: 40, innerRadius: 420, rows: 20, seats: 22 },
    { prefix: '2', level: 'Middle', sections: 36, innerRadius: 760, rows: 18, seats: 26 },
    { prefix: '3', level: 'Upper', sections: 44, innerRadius: 1060, rows: 25, seats: 26 },
  ];
  const blocks: ArcBlock[] = [];
  for (const ring of rings) {
    const span = 360 / ring.sections;
    for (let i = 0; i < ring.sections; i++) {
      const fromDeg = i * span + 0.6;
      const toDeg = (i + 1) * span - 0.6;
      const id = `${ring.prefix}${String(i + 1).padStart(2, '0')}`;
      blocks.push({
        id,
        name: `Section ${id}`,
        level: ring.level,
        centre,
        fromDeg,
        toDeg,
        innerRadius: ring.innerRadius,
        rowDepth: 14,
        rows: ring.rows,
        seatPitch: 10,
        xScale: 1.35,
        fixedSeatsPerRow: Math.max(2, Math.round(ring.seats * scale)),
        rowName: (index) => String(index + 1),
        decorate: (seat, rowIndex, seatIndex, seatsInRow) => {
          if (ring.prefix === '1' && rowIndex === ring.rows - 1 && i % 5 === 0) {
            if (seatIndex < 2) seat.wheelchair = true;
            else if (seatIndex === 2) seat.companion = true;
          }
          if (ring.prefix === '3' && rowIndex >= ring.rows - 2 && seatIndex >= seatsInRow - 2)
            seat.restrictedView = true;
          // Seats behind the stage see it side-on at best.
          if (Math.abs((fromDeg + toDeg) / 2 - 180) < 22) seat.restrictedView = true;
        },
      });
    }
  }
  // The stage stands at the north end; the bowl's angle 180° points at it.
  const stage: Point[] = [
    [-220, -390],
    [220, -390],
    [220, -300],
    [-220, -300],
  ];
  const floor: SeatMapSection = {
    id: 'FLOOR',
    name: 'Standing Floor',
    kind: 'ga',
    polygon: [
      [-330, -280],
      [330, -280],
      [330, 300],
      [-330, 300],
    ],
    capacity: options.gaCapacity ?? 8_000,
    level: 'Floor',
  };
  return normalise({
    name: options.name ?? 'City Stadium',
    stage: { label: 'Stage', polygon: stage },
    sections: [floor, ...blocks.map(section)],
    seats: blocks.flatMap(arcSeats),
  });
}
