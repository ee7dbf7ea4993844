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
  /**
   * Why it was refused: not a genuine code, another event or venue, refunded, void, the event cancelled; a rotating
   * code more than 30 s from the door's clock (`code_expired`) or seen before at this door (`code_replayed`); a
   * static code at an event whose policy is `rotating_only` for a ticket that was not printed (`static_code_refused`).
   */
  reason: z
    .enum([
      'invalid_code',
      'unknown_ticket',
      'other_event',
      'other_venue',
      'refunded',
      'void',
      'event_cancelled',
      'code_expired',
      'code_replayed',
      'static_code_refused',
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

/** A phone's key for a ticket (the rotating code's device key): the raw P-256 public key WebCrypto exports. */
export const BindDeviceKey = z
  .object({
    publicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'base64url of the 65-byte raw P-256 public key')
      .describe('base64url, 65 bytes: 0x04 | x | y'),
  })
  .strict();
export type BindDeviceKey = z.infer<typeof BindDeviceKey>;

/** The ticket's credential for that key: the phone signs rotating codes over it (cloud/domain/tickets/README.md). */
export const DeviceCredential = z.object({
  ticketId: Uuid,
  credential: z.string().describe('base64url'),
  boundAt: Timestamp,
});
export type DeviceCredential = z.infer<typeof DeviceCredential>;
