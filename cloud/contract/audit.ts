// The audit log as the back office reads it (GET /v1/admin/audit): a search by words, object, actor, venue and time,
// newest first, a keyset page at a time (`next` is an opaque cursor: pass it back as `after`).
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

export const AuditSearch = z
  .object({
    q: z.string().trim().max(200).optional().describe('Words, each the start of a word of the entry'),
    objectType: z.string().trim().min(1).max(60).optional().describe('e.g. event, order, venue, staff'),
    objectId: z.string().trim().min(1).max(200).optional(),
    actor: z.string().trim().min(1).max(200).optional().describe('The acting staff member (their subject id)'),
    venueId: Uuid.optional(),
    from: Timestamp.optional().describe('Entries at or after this moment'),
    to: Timestamp.optional().describe('Entries before this moment'),
    after: z.string().max(200).optional().describe('The `next` cursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((search) => !search.from || !search.to || Date.parse(search.from) < Date.parse(search.to), {
    message: 'must be after "from"',
    path: ['to'],
  });
export type AuditSearch = z.infer<typeof AuditSearch>;

export const AuditEntry = z.object({
  id: Uuid,
  at: Timestamp,
  actor: z.object({ sub: z.string(), email: z.string().nullable(), role: z.string() }),
  venueId: Uuid.nullable(),
  action: z.string().describe('A stable dotted name: event.publish, order.refund, seat.block'),
  objectType: z.string(),
  objectId: z.string(),
  summary: z.string(),
  /** Only the fields that changed; null when the object was created (before) or removed (after). */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
