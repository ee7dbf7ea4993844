// Seat maps: the geometry of a venue layout (sections, seats, stage), immutable once stored.
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

const Coord = z.number().finite().min(-1_000_000).max(1_000_000);
export const Point = z.tuple([Coord, Coord]);
const Label = z.string().trim().min(1).max(40);
/** A tier key of the map (e.g. `premium`): which seats an event will sell at which of its price tiers. */
export const SeatMapTierKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only');

/** A tier of the map as the designer paints it; an event prices each key at one of its price tiers. */
export const SeatMapTier = z.object({
  key: SeatMapTierKey,
  name: z.string().trim().min(1).max(60),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
});
export type SeatMapTier = z.infer<typeof SeatMapTier>;

export const SeatMapSection = z.object({
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only'),
  name: z.string().trim().min(1).max(80),
  kind: z.enum(['seated', 'ga']),
  /** Outline of the section, clockwise, in map units. */
  polygon: z.array(Point).min(3).max(512),
  /** Standing capacity; only for general admission sections. */
  capacity: z.int().min(1).max(200_000).optional(),
  level: z.string().max(40).optional(),
  /** The section's tier key: a standing area's, and the default of its seats. Maps before tiers have none. */
  tier: SeatMapTierKey.optional(),
});
export type SeatMapSection = z.infer<typeof SeatMapSection>;

export const SeatMapSeat = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only'),
  sectionId: z.string().min(1).max(40),
  row: Label,
  number: Label,
  x: Coord,
  y: Coord,
  wheelchair: z.boolean().optional(),
  companion: z.boolean().optional(),
  aisle: z.boolean().optional(),
  restrictedView: z.boolean().optional(),
  /** The seat's tier key, overriding its section's. */
  tier: SeatMapTierKey.optional(),
});
export type SeatMapSeat = z.infer<typeof SeatMapSeat>;

export const Stage = z.object({ label: z.string().max(40), polygon: z.array(Point).min(3).max(512) });

/** What an admin imports. Seats are listed in seat-map order, seats of a row in their physical order. */
export const SeatMapImport = z.object({
  name: z.string().trim().min(1).max(120),
  width: z.number().positive().max(1_000_000),
  height: z.number().positive().max(1_000_000),
  stage: Stage,
  sections: z.array(SeatMapSection).min(1).max(2_000),
  seats: z.array(SeatMapSeat).max(250_000),
  /** The tier keys seats and sections may carry, in the order the designer shows them (optional: older maps). */
  tiers: z.array(SeatMapTier).max(20).optional(),
});
export type SeatMapImport = z.infer<typeof SeatMapImport>;

export const SeatMap = SeatMapImport.extend({
  id: Uuid,
  venueId: Uuid,
  version: z.int(),
  createdAt: Timestamp,
});
export type SeatMap = z.infer<typeof SeatMap>;

export const SeatMapSummary = z.object({
  id: Uuid,
  venueId: Uuid,
  name: z.string(),
  version: z.int(),
  seatCount: z.int(),
  gaCapacity: z.int(),
});
export type SeatMapSummary = z.infer<typeof SeatMapSummary>;
