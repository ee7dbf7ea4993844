// SQL for the audit log (migrations 0015, 0022): one row per staff or admin action, appended in the transaction of the
// change it records, and read back newest first by venue, object, actor or words, a page at a time (keyset: the
// last entry's time and id, so a page never skips or repeats an entry written meanwhile).
import type { Queryable } from './port.ts';

export interface AuditRow {
  id: string;
  at: Date;
  actor_sub: string;
  actor_email: string | null;
  actor_role: string;
  /** The entry's first venue; null for an action on no venue's object. */
  venue_id: string | null;
  /** Every venue the object belongs to (a staff member's venues), the first one included; empty for none. */
  venue_ids: string[];
  action: string;
  object_type: string;
  object_id: string;
  summary: string;
  before: unknown;
  after: unknown;
}

const COLUMNS =
  'id, at, actor_sub, actor_email, actor_role, venue_id, venue_ids, action, object_type, object_id, summary, before, after';

export async function insertAuditEntry(db: Queryable, row: AuditRow): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12, $13)`,
    [
      row.id,
      row.at,
      row.actor_sub,
      row.actor_email,
      row.actor_role,
      row.venue_id,
      row.venue_ids,
      row.action,
      row.object_type,
      row.object_id,
      row.summary,
      row.before === undefined || row.before === null ? null : JSON.stringify(row.before),
      row.after === undefined || row.after === null ? null : JSON.stringify(row.after),
    ],
  );
}

export interface AuditQuery {
  /** Only entries of any of these venues (a venue manager's); undefined: every entry (an owner's). */
  venueIds?: readonly string[];
  objectType?: string;
  objectId?: string;
  actorSub?: string;
  /** Words, each of which must begin a word of the entry (action, object, actor's email or summary). */
  text?: string;
  from?: Date;
  to?: Date;
  /** The last entry of the previous page. */
  after?: { at: Date; id: string };
  limit: number;
}

/** Newest first; at most `limit` entries. */
export async function searchAuditEntries(db: Queryable, query: AuditQuery): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.venueIds) where.push(`venue_ids && ${param(query.venueIds)}::uuid[]`);
  if (query.objectType) where.push(`object_type = ${param(query.objectType)}`);
  if (query.objectId) where.push(`object_id = ${param(query.objectId)}`);
  if (query.actorSub) where.push(`actor_sub = ${param(query.actorSub)}`);
  // The words are split by the same parser that made the entries' search vectors, then each is matched as a prefix
  // (quote_literal keeps what a person typed from being read as tsquery syntax).
  if (query.text && /[\p{L}\p{N}]/u.test(query.text)) {
    where.push(
      `search @@ to_tsquery('simple', (SELECT string_agg(quote_literal(lexeme) || ':*', ' & ')
         FROM unnest(to_tsvector('simple', ${param(query.text)}))))`,
    );
  }
  if (query.from) where.push(`at >= ${param(query.from)}`);
  if (query.to) where.push(`at < ${param(query.to)}`);
  if (query.after) where.push(`(at, id) < (${param(query.after.at)}, ${param(query.after.id)}::uuid)`);
  const result = await db.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY at DESC, id DESC LIMIT ${param(query.limit)}`,
    params,
  );
  return result.rows;
}
