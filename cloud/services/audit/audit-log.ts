// The audit log's writing side: a staff or admin action recorded in the transaction of the change it describes
// (pass the change's `tx`), so the log never shows a change that rolled back nor misses one that committed. Entries
// keep only the fields that changed, so an event edit records the name it had and has, not the whole event twice.
import { randomUUID } from 'node:crypto';
import { insertAuditEntry } from '../../db/audit.ts';
import type { Queryable } from '../../db/port.ts';
import type { Principal } from '../ports.ts';

export interface StaffAction {
  /** A stable dotted name: `event.publish`, `order.refund`, `seat.block`. */
  action: string;
  objectType: string;
  objectId: string;
  /** The venue the object belongs to (who may read the entry); null for objects of no venue. */
  venueId: string | null;
  /**
   * Every venue the object belongs to, when it has several (a staff member given venues A and B): the entry is then
   * read by the managers of each. `venueId` is counted in; without this, the object's venues are `venueId` alone.
   */
  venueIds?: readonly string[] | undefined;
  /** One line in words, e.g. "Published Spring Gala (12 May 2027)". */
  summary: string;
  /** The object before and after (undefined: created or removed); only the fields that differ are kept. */
  before?: Record<string, unknown> | undefined;
  after?: Record<string, unknown> | undefined;
}

/** The role a principal acted in, strongest first; a device's kind when a machine acted for its clerk. */
export function actingRole(principal: Principal): string {
  for (const role of ['owner', 'admin', 'venue_manager', 'clerk', 'door_steward', 'boxoffice', 'kiosk']) {
    if (principal.groups.includes(role)) return role;
  }
  return principal.groups[0] ?? 'unknown';
}

/** The fields of before and after that differ (deep, by their JSON); both sides kept whole when one is missing. */
export function changedFields(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before: before ?? null, after: after ?? null };
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key in before) was[key] = before[key];
    if (key in after) is[key] = after[key];
  }
  return { before: was, after: is };
}

/** The venues an entry is filed under: its venue and the object's other venues, each once. */
export function entryVenues(action: Pick<StaffAction, 'venueId' | 'venueIds'>): string[] {
  const venues = [action.venueId, ...(action.venueIds ?? [])].filter((venue): venue is string => Boolean(venue));
  return [...new Set(venues)];
}

/** Appends the action to the audit log inside `tx`, the transaction making the change. */
export async function recordStaffAction(tx: Queryable, actor: Principal, action: StaffAction, now: Date) {
  const { before, after } = changedFields(action.before, action.after);
  await insertAuditEntry(tx, {
    id: randomUUID(),
    at: now,
    actor_sub: actor.sub,
    actor_email: actor.email ?? null,
    actor_role: actingRole(actor),
    venue_id: action.venueId ?? action.venueIds?.[0] ?? null,
    venue_ids: entryVenues(action),
    action: action.action,
    object_type: action.objectType,
    object_id: action.objectId,
    summary: action.summary,
    before,
    after,
  });
}
