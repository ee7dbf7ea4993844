// Holds: seats (or standing places) kept for one buyer for a short time.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.ts';

const SeatId = z.string().min(1).max(64);

export const CreateHold = z
  .object({
    seatIds: z.array(SeatId).min(1).max(100).optional(),
    bestAvailable: z
      .object({
        quantity: z.int().min(1).max(100),
        tierId: Uuid.optional(),
        accessible: z.boolean().optional(),
      })
      .strict()
      .optional(),
    ga: z
      .object({ sectionId: z.string().min(1).max(40), quantity: z.int().min(1).max(100) })
      .strict()
      .optional(),
    /** A presale code: opens the tiers it unlocks to this hold (and, priced at checkout, to its order). */
    presaleCode: z.string().trim().min(1).max(60).optional(),
  })
  .strict()
  .refine((body) => [body.seatIds, body.bestAvailable, body.ga].filter((part) => part !== undefined).length === 1, {
    message: 'give exactly one of seatIds, bestAvailable, ga',
    path: [],
  })
  .refine((body) => !body.seatIds || new Set(body.seatIds).size === body.seatIds.length, {
    message: 'a seat is listed twice',
    path: ['seatIds'],
  });
export type CreateHold = z.infer<typeof CreateHold>;

export const HoldStatus = z.enum(['active', 'released', 'expired', 'converted']);

export const HeldSeat = z.object({
  seatId: z.string(),
  sectionId: z.string(),
  row: z.string(),
  number: z.string(),
  tierId: Uuid,
  price: Money,
});

export const Hold = z.object({
  id: Uuid,
  eventId: Uuid,
  /** An allotment is a box office's long hold that orders take seats out of. */
  kind: z.enum(['standard', 'allotment']),
  status: HoldStatus,
  seats: z.array(HeldSeat),
  ga: z.object({ sectionId: z.string(), quantity: z.int(), tierId: Uuid, unitPrice: Money }).nullable(),
  total: Money,
  expiresAt: Timestamp,
  extended: z.boolean(),
  createdAt: Timestamp,
});
export type Hold = z.infer<typeof Hold>;

/** The creation response is the only place the owner token is ever shown. */
export const CreatedHold = Hold.extend({ token: z.string() });
export type CreatedHold = z.infer<typeof CreatedHold>;

export const CreateAllotment = z
  .object({ seatIds: z.array(SeatId).min(1).max(2000) })
  .strict()
  .refine((body) => new Set(body.seatIds).size === body.seatIds.length, {
    message: 'a seat is listed twice',
    path: ['seatIds'],
  });
export type CreateAllotment = z.infer<typeof CreateAllotment>;
