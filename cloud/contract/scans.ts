// The door: a scanner sends what it read; the answer says whether to let the person in, and if not, why.
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

export const ScanRequest = z
  .object({
    code: z.string().trim().min(1).max(400),
    gate: z.string().trim().min(1).max(40),
    /** The event this door admits to; a ticket for another event is refused. */
    eventId: Uuid.optional(),
    /** When a scanner that was offline read the code (it syncs later); now when left out. */
    scannedAt: Timestamp.optional(),
  })
  .strict();
export type ScanRequest = z.infer<typeof ScanRequest>;

export const ScanResult = z.object({
  result: z.enum(['admitted', 'already_used', 'refused']),
  /** Why it was refused: not a genuine code, another event or venue, refunded, void, the event cancelled. */
  reason: z
    .enum([
      'invalid_code',
      'unknown_ticket',
      'other_event',
      'other_venue',
      'refunded',
      'void',
      'event_cancelled',
      'transferred',
    ])
    .nullable(),
  detail: z.string(),
  ticket: z.object({ id: Uuid, eventId: Uuid, seat: z.string() }).nullable(),
  /** For already_used: the first admission. */
  usedAt: Timestamp.nullable(),
  usedGate: z.string().nullable(),
});
export type ScanResult = z.infer<typeof ScanResult>;

/** The public keys ticket codes are signed with (current and still accepted), for scanners that check offline. */
export const TicketKeys = z.object({
  keys: z.array(
    z.object({ keyId: z.string(), alg: z.literal('Ed25519'), publicKey: z.string().describe('base64url, 32 bytes') }),
  ),
});
export type TicketKeys = z.infer<typeof TicketKeys>;
