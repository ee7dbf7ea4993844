// Accounts (issue 19): the guest orders bought with the signed-in account's email, and claiming them into it. Only a
// proven email (a link mailed to it was opened) sees or claims any; the address is the account's, never the caller's.
import { z } from 'zod';
import { Uuid } from './common.ts';
import { OrderSummary } from './orders.ts';

export const ClaimableOrders = z.object({
  /** False until the account's owner opened a link mailed to its address: nothing is listed or claimed before. */
  emailVerified: z.boolean(),
  /** Guest orders bought with the account's email (not yet in any account), newest first. */
  orders: z.array(OrderSummary),
});
export type ClaimableOrders = z.infer<typeof ClaimableOrders>;

export const ClaimOrders = z
  .object({
    /** Only these of the claimable orders; all of them when left out. */
    orderIds: z.array(Uuid).min(1).max(100).optional(),
  })
  .strict();
export type ClaimOrders = z.infer<typeof ClaimOrders>;

export const ClaimedOrders = z.object({
  /** The orders now in the account (none when they were claimed already). */
  claimed: z.array(OrderSummary),
});
export type ClaimedOrders = z.infer<typeof ClaimedOrders>;
