// Waitlists of sold-out events and tiers: joining (email and quantity), leaving with the token given at joining,
// claiming an offer by the token in its email (the answer is the offer's hold, which the shop's checkout buys), and
// the admin's view of an event's line.
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';
import { CreatedHold } from './holds.ts';
import { Email, EmailLocale } from './identity.ts';

/** The most tickets one waitlist entry may ask for (the event's per-order limit may be lower). */
export const WAITLIST_MAX_QUANTITY = 10;

export const JoinWaitlist = z
  .object({
    email: Email,
    quantity: z.int().min(1, 'at least 1').max(WAITLIST_MAX_QUANTITY, `at most ${WAITLIST_MAX_QUANTITY}`),
    /** Wait for this price tier only; left out: any tier of the event. */
    tierId: Uuid.optional(),
    /** The shop's language when joining: the offer email is written in it (English when not given). */
    locale: EmailLocale.optional(),
  })
  .strict();
export type JoinWaitlist = z.infer<typeof JoinWaitlist>;

export const WaitlistEntryState = z.enum(['waiting', 'offered', 'claimed', 'expired', 'left']);
export type WaitlistEntryState = z.infer<typeof WaitlistEntryState>;

/** The answer to joining: the only place the entry's token (for leaving the line) is ever shown. */
export const JoinedWaitlist = z.object({
  id: Uuid,
  eventId: Uuid,
  tierId: Uuid.nullable(),
  quantity: z.int(),
  state: WaitlistEntryState,
  joinedAt: Timestamp,
  token: z.string(),
});
export type JoinedWaitlist = z.infer<typeof JoinedWaitlist>;

/** Claiming an offer: its hold with the hold's token (the claim token), and until when it stands. */
export const ClaimedWaitlistOffer = z.object({
  entryId: Uuid,
  hold: CreatedHold,
  offerExpiresAt: Timestamp,
});
export type ClaimedWaitlistOffer = z.infer<typeof ClaimedWaitlistOffer>;

export const WaitlistLine = z.object({
  eventId: Uuid,
  offerSeconds: z.int(),
  entries: z.array(
    z.object({
      id: Uuid,
      email: z.string(),
      quantity: z.int(),
      tierId: Uuid.nullable(),
      state: WaitlistEntryState,
      joinedAt: Timestamp,
      /** The latest offer made to this entry, if any. */
      offer: z
        .object({
          holdId: Uuid,
          state: z.enum(['open', 'claimed', 'expired', 'withdrawn']),
          offeredAt: Timestamp,
          expiresAt: Timestamp,
        })
        .nullable(),
    }),
  ),
});
export type WaitlistLine = z.infer<typeof WaitlistLine>;

export const WaitlistSettings = z
  .object({ offerSeconds: z.int().min(60, 'at least a minute').max(86_400, 'at most a day') })
  .strict();
export type WaitlistSettings = z.infer<typeof WaitlistSettings>;
