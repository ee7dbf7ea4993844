// The audit log's reading side (GET /v1/admin/audit): who may read which entries — audit:read, and a venue manager
// only the entries of their venues (any venue in common with the entry's: a staff member's entry is filed under each
// of their venues; entries of no venue are the owner's alone) — and keyset pages whose cursor is
// opaque to the client (the last entry's time and id).
import { searchAuditEntries, type AuditRow } from '../../db/audit.ts';
import type { Db } from '../../db/port.ts';
import type { AuditEntry, AuditPage, AuditSearch } from '../../contract/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';
import { authorizeStaff, staffVenueScope } from '../access/staff-access.ts';

export const encodeAuditCursor = (row: { at: Date; id: string }): string =>
  Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const when = typeof at === 'string' ? new Date(at) : new Date(NaN);
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(when.getTime())) return { at: when, id };
  } catch {
    // not base64url JSON: refused below
  }
  throw new DomainError('validation_failed', 'after: not a cursor of this list (use the `next` of a page).', {
    field: 'after',
  });
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * A before/after as a reader of `scope` sees it: the venue ids in it (a staff member's `venueId`, `venueIds`) only
 * those of the reader's venues, so a role change of a member who also works elsewhere names no other venue.
 */
function withinScope(value: unknown, scope: 'all' | readonly string[]): Record<string, unknown> | null {
  const record = asRecord(value);
  if (!record || scope === 'all') return record;
  const visible = (venueId: unknown) => typeof venueId === 'string' && scope.includes(venueId);
  const shown = { ...record };
  if ('venueId' in shown) shown.venueId = visible(shown.venueId) ? shown.venueId : null;
  if (Array.isArray(shown.venueIds)) shown.venueIds = shown.venueIds.filter(visible);
  return shown;
}

/**
 * The entry as a reader sees it: of an entry filed under several venues, the venue shown is the first the reader may
 * see (a manager of venue B reading about a staff member of venues A and B sees B, and learns nothing of A), and
 * of the venues in its before and after only the reader's.
 */
export const auditEntryOf = (row: AuditRow, scope: 'all' | readonly string[] = 'all'): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: { sub: row.actor_sub, email: row.actor_email, role: row.actor_role },
  venueId: scope === 'all' ? row.venue_id : (row.venue_ids.find((venue) => scope.includes(venue)) ?? null),
  action: row.action,
  objectType: row.object_type,
  objectId: row.object_id,
  summary: row.summary,
  before: withinScope(row.before, scope),
  after: withinScope(row.after, scope),
});

export class AuditLogReader {
  constructor(private readonly db: Db) {}

  async search(principal: Principal | undefined, search: AuditSearch): Promise<AuditPage> {
    const scope = staffVenueScope(principal, 'audit:read');
    // A venue asked for must be one of the reader's (another venue's is not_found, as for its objects).
    if (search.venueId) authorizeStaff(principal, 'audit:read', search.venueId);
    const venueIds = search.venueId ? [search.venueId] : scope === 'all' ? undefined : scope;
    const rows = await searchAuditEntries(this.db, {
      ...(venueIds ? { venueIds } : {}),
      ...(search.objectType ? { objectType: search.objectType } : {}),
      ...(search.objectId ? { objectId: search.objectId } : {}),
      ...(search.actor ? { actorSub: search.actor } : {}),
      ...(search.q ? { text: search.q } : {}),
      ...(search.from ? { from: new Date(search.from) } : {}),
      ...(search.to ? { to: new Date(search.to) } : {}),
      ...(search.after ? { after: decodeAuditCursor(search.after) } : {}),
      // One more than the page: whether there is a next page, without counting.
      limit: search.limit + 1,
    });
    const page = rows.slice(0, search.limit);
    const last = page.at(-1);
    return {
      entries: page.map((row) => auditEntryOf(row, venueIds ?? 'all')),
      next: rows.length > search.limit && last ? encodeAuditCursor(last) : null,
    };
  }
}
