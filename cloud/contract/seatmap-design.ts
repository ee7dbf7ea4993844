// What the seat-map designer's tools take: a section of straight or curved rows with its numbering and aisles, a
// standing area, the stage. The designer's forms validate with these; cloud/domain/seatmap/design builds the seats.
import { z } from 'zod';
import { SeatMapTierKey } from './seatmap.ts';

const Coord = z.number().finite().min(-1_000_000).max(1_000_000);
const SectionId = z
  .string()
  .trim()
  .min(1, 'give the section a code')
  .max(40)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only');

export const RowNumbering = z.object({
  scheme: z.enum(['letters', 'numbers']).default('letters'),
  /** The first row's position in the scheme (1 = A or 1); a block behind another one starts further on. */
  start: z.int().min(1).max(10_000).default(1),
  /** Letters left out of the alphabet (only for letters): I and O read as 1 and 0. */
  skip: z
    .array(z.string().regex(/^[A-Z]$/, 'one capital letter'))
    .max(20)
    .default(['I', 'O']),
});
export type RowNumbering = z.infer<typeof RowNumbering>;

export const SeatNumbering = z.object({
  /** Along the row as the map is drawn (the stage at the top): from the left or from the right. */
  direction: z.enum(['left-to-right', 'right-to-left']).default('left-to-right'),
  /** Every number, or odd or even numbers only (the two sides of a centre aisle). */
  parity: z.enum(['all', 'odd', 'even']).default('all'),
  /** The first number (for odd/even: the first odd or even number from it). */
  start: z.int().min(0).max(100_000).default(1),
});
export type SeatNumbering = z.infer<typeof SeatNumbering>;

export const SeatedSectionSpec = z.object({
  id: SectionId,
  name: z.string().trim().min(1, 'give the section a name').max(80),
  level: z.string().trim().max(40).optional(),
  tier: SeatMapTierKey.optional(),
  /** Straight rows: the centre of the first row. Curved rows: the centre the rows curve around (the stage). */
  origin: z.tuple([Coord, Coord]),
  rows: z.int().min(1, 'at least one row').max(200),
  seatsPerRow: z.int().min(1, 'at least one seat').max(500),
  /** Seats each row has more than the one in front (negative: fewer), as in a fan-shaped block. */
  seatsAddedPerRow: z.int().min(-50).max(50).default(0),
  /** Distance between neighbouring seats and between rows, in map units. */
  seatPitch: z.number().positive().max(1_000).default(10),
  rowPitch: z.number().positive().max(1_000).default(14),
  /** Curved rows: the first row's distance from the centre; the rows face the centre. Absent: straight rows. */
  curveRadius: z.number().positive().max(100_000).optional(),
  /** Degrees clockwise; 0 faces up the map (the stage drawn above the section). */
  rotation: z.number().min(-360).max(360).default(0),
  /** Aisles: a gap after these seat positions of every row (1 = after the first seat from the left). */
  aislesAfter: z.array(z.int().min(1)).max(50).default([]),
  /** An aisle's width in seat pitches. */
  aisleWidth: z.number().positive().max(20).default(1),
  rowNumbering: RowNumbering.default({ scheme: 'letters', start: 1, skip: ['I', 'O'] }),
  seatNumbering: SeatNumbering.default({ direction: 'left-to-right', parity: 'all', start: 1 }),
});
export type SeatedSectionSpec = z.infer<typeof SeatedSectionSpec>;
export type SeatedSectionInput = z.input<typeof SeatedSectionSpec>;

/** A rectangle of the map: its top-left corner and size, in map units. */
export const MapRect = z.object({
  x: Coord,
  y: Coord,
  width: z.number().positive().max(1_000_000),
  height: z.number().positive().max(1_000_000),
});
export type MapRect = z.infer<typeof MapRect>;

export const StandingAreaSpec = MapRect.extend({
  id: SectionId,
  name: z.string().trim().min(1, 'give the area a name').max(80),
  capacity: z.int().min(1, 'at least one place').max(200_000),
  level: z.string().trim().max(40).optional(),
  tier: SeatMapTierKey.optional(),
});
export type StandingAreaSpec = z.infer<typeof StandingAreaSpec>;

export const StageSpec = MapRect.extend({ label: z.string().trim().max(40).default('Stage') });
export type StageSpec = z.infer<typeof StageSpec>;

/** The seat flags the designer paints; the contract's seat carries each as an optional boolean. */
export const SeatFlagName = z.enum(['wheelchair', 'companion', 'restrictedView', 'aisle']);
export type SeatFlagName = z.infer<typeof SeatFlagName>;
