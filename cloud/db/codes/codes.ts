// SQL for promo and presale codes (the codes table, with the shard rows a limited code's uses are counted in): made
// one at a time or as a batch of single-use codes in one statement, found at checkout, listed, exported and disabled
// by the admin. A code's pricing rule is kept as given (jsonb) and never read here. Redeeming and releasing uses is in
// ./uses.ts.
import type { Queryable } from '../port.ts';

export type CodeKind = 'promo' | 'presale';

export interface CodeRow {
  id: string;
  venue_id: string;
  event_id: string | null;
  code: string;
  /** As the organizer wrote it; null: the key is the text (generated codes, codes made before 0016). */
  display_code: string | null;
  kind: CodeKind;
  rule: unknown;
  max_uses: number | null;
  max_uses_per_buyer: number | null;
  valid_from: Date | null;
  valid_until: Date | null;
  batch_id: string | null;
  disabled_at: Date | null;
  created_at: Date;
}

const CODE_COLUMNS = `id, venue_id, event_id, code, display_code, kind, rule, max_uses, max_uses_per_buyer, valid_from, valid_until,
  batch_id, disabled_at, created_at`;

const CODE_COLUMNS_OF_C = CODE_COLUMNS.split(',')
  .map((column) => `c.${column.trim()}`)
  .join(', ');

/** Uses of a code counted now: the sum over its shards, or for an unlimited code its live redemptions. */
const USED_OF_C = `COALESCE((SELECT sum(s.used) FROM code_use_slots s WHERE s.code_id = c.id),
  (SELECT count(*) FROM code_redemptions r WHERE r.code_id = c.id AND r.released_at IS NULL))::int`;

/** Splits a limited code's uses over its shards, capacities adding up to max_uses (follows a `code` CTE). */
const INSERT_SLOTS = `INSERT INTO code_use_slots (code_id, shard, capacity)
  SELECT code.id, shard, code.max_uses / n + CASE WHEN shard < code.max_uses % n THEN 1 ELSE 0 END
  FROM code
  CROSS JOIN LATERAL (SELECT code_use_shard_count(code.max_uses) AS n) shards
  CROSS JOIN LATERAL generate_series(0, shards.n - 1) AS shard
  WHERE code.max_uses IS NOT NULL`;

export interface NewCode {
  id: string;
  venueId: string;
  /** null: any event of the venue. */
  eventId: string | null;
  /** The code's lookup key (domain/pricing/code-text.ts codeKey), stored as given. */
  code: string;
  /** The code as the organizer wrote it, for people to read. */
  displayCode?: string | null;
  kind: CodeKind;
  /** The pricing rule, opaque to the database. */
  rule: unknown;
  /** null: unlimited. */
  maxUses: number | null;
  maxUsesPerBuyer: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  now: Date;
}

/** Makes a code and, if it is limited, its shard rows, in one statement; 'code_taken' when the venue has it live. */
export async function createCode(db: Queryable, code: NewCode): Promise<CodeRow | 'code_taken'> {
  const result = await db.query<CodeRow>(
    `WITH code AS (
       INSERT INTO codes (id, venue_id, event_id, code, kind, rule, max_uses, max_uses_per_buyer, valid_from,
         valid_until, created_at, display_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (venue_id, code) WHERE disabled_at IS NULL DO NOTHING
       RETURNING ${CODE_COLUMNS}
     ), slots AS (${INSERT_SLOTS})
     SELECT ${CODE_COLUMNS} FROM code`,
    [
      code.id,
      code.venueId,
      code.eventId,
      code.code,
      code.kind,
      JSON.stringify(code.rule),
      code.maxUses,
      code.maxUsesPerBuyer,
      code.validFrom?.toISOString() ?? null,
      code.validUntil?.toISOString() ?? null,
      code.now.toISOString(),
      code.displayCode ?? null,
    ],
  );
  return result.rows[0] ?? 'code_taken';
}

export interface NewCodeBatch {
  batchId: string;
  venueId: string;
  eventId: string | null;
  kind: CodeKind;
  rule: unknown;
  /** The codes' lookup keys (codeKey), stored as given. */
  codes: string[];
  validFrom: Date | null;
  validUntil: Date | null;
  now: Date;
}

/**
 * Makes a batch of single-use codes in one statement (codes and their one-unit shard rows). Codes the venue already
 * has live, or that repeat within the batch, are left out and listed in `taken`: the caller makes new ones for them
 * or rolls its transaction back.
 */
export async function createCodeBatch(
  db: Queryable,
  batch: NewCodeBatch,
): Promise<{ created: number; taken: string[] }> {
  const wanted = batch.codes;
  const result = await db.query<{ code: string }>(
    `WITH code AS (
       INSERT INTO codes (id, venue_id, event_id, code, kind, rule, max_uses, valid_from, valid_until, batch_id,
         created_at)
       SELECT gen_random_uuid(), $1, $2, wanted.code, $3, $4, 1, $5, $6, $7, $8
       FROM unnest($9::text[]) AS wanted(code)
       ON CONFLICT (venue_id, code) WHERE disabled_at IS NULL DO NOTHING
       RETURNING id, code, max_uses
     ), slots AS (${INSERT_SLOTS})
     SELECT code FROM code`,
    [
      batch.venueId,
      batch.eventId,
      batch.kind,
      JSON.stringify(batch.rule),
      batch.validFrom?.toISOString() ?? null,
      batch.validUntil?.toISOString() ?? null,
      batch.batchId,
      batch.now.toISOString(),
      wanted,
    ],
  );
  const created = new Set(result.rows.map((row) => row.code));
  const seen = new Set<string>();
  const taken = wanted.filter((code) => {
    const duplicate = seen.has(code);
    seen.add(code);
    return duplicate || !created.has(code);
  });
  return { created: result.rows.length, taken };
}

export type CodeCheck =
  | { usable: true; code: CodeRow }
  | { usable: false; reason: 'other_event' | 'not_yet_valid' | 'expired'; code: CodeRow };

/**
 * The venue's live code with this lookup key (codeKey), and whether it can be used for this event now; null for an
 * unknown or disabled code. The row comes back either way, so the caller can say which rule refused it.
 */
export async function findCodeForCheckout(
  db: Queryable,
  lookup: { venueId: string; eventId: string | null; code: string; now: Date },
): Promise<CodeCheck | null> {
  const result = await db.query<CodeRow & { refusal: 'other_event' | 'not_yet_valid' | 'expired' | null }>(
    `SELECT ${CODE_COLUMNS},
       CASE WHEN $3::uuid IS NOT NULL AND event_id IS NOT NULL AND event_id <> $3::uuid THEN 'other_event'
            WHEN valid_from IS NOT NULL AND valid_from > $4 THEN 'not_yet_valid'
            WHEN valid_until IS NOT NULL AND valid_until <= $4 THEN 'expired' END AS refusal
     FROM codes WHERE venue_id = $1 AND code = $2 AND disabled_at IS NULL`,
    [lookup.venueId, lookup.code, lookup.eventId, lookup.now.toISOString()],
  );
  const row = result.rows[0];
  if (!row) return null;
  const { refusal, ...code } = row;
  return refusal ? { usable: false, reason: refusal, code } : { usable: true, code };
}

export async function findCode(db: Queryable, codeId: string): Promise<CodeRow | null> {
  const result = await db.query<CodeRow>(`SELECT ${CODE_COLUMNS} FROM codes WHERE id = $1`, [codeId]);
  return result.rows[0] ?? null;
}

export type ListedCode = CodeRow & { used: number };

/** A venue's codes made one at a time (not in a batch), newest first, with their uses. */
export async function listCodes(
  db: Queryable,
  venueId: string,
  filter: { eventId?: string; includeDisabled?: boolean } = {},
): Promise<ListedCode[]> {
  const result = await db.query<ListedCode>(
    `SELECT ${CODE_COLUMNS_OF_C}, ${USED_OF_C} AS used
     FROM codes c
     WHERE c.venue_id = $1 AND c.batch_id IS NULL AND ($2::uuid IS NULL OR c.event_id = $2::uuid)
       AND ($3 OR c.disabled_at IS NULL)
     ORDER BY c.created_at DESC, c.id`,
    [venueId, filter.eventId ?? null, filter.includeDisabled ?? false],
  );
  return result.rows;
}

export interface BatchSummary {
  batch_id: string;
  kind: CodeKind;
  event_id: string | null;
  codes: number;
  used: number;
  disabled: number;
  created_at: Date;
}

/** A venue's batches of single-use codes: how many codes, how many used, how many disabled. */
export async function listBatches(db: Queryable, venueId: string): Promise<BatchSummary[]> {
  const result = await db.query<BatchSummary>(
    `SELECT c.batch_id, min(c.kind) AS kind, (array_agg(c.event_id))[1] AS event_id, count(*)::int AS codes,
       COALESCE(sum(s.used), 0)::int AS used, count(c.disabled_at)::int AS disabled, min(c.created_at) AS created_at
     FROM codes c LEFT JOIN code_use_slots s ON s.code_id = c.id
     WHERE c.venue_id = $1 AND c.batch_id IS NOT NULL
     GROUP BY c.batch_id ORDER BY min(c.created_at) DESC, c.batch_id`,
    [venueId],
  );
  return result.rows;
}

export interface BatchCodeRow {
  id: string;
  code: string;
  used: number;
  disabled_at: Date | null;
}

/** One page of a batch's codes in code order (for the admin's list and export): pass the last code to go on. */
export async function listBatch(
  db: Queryable,
  batchId: string,
  page: { after?: string; limit: number },
): Promise<BatchCodeRow[]> {
  const result = await db.query<BatchCodeRow>(
    `SELECT c.id, c.code, COALESCE(s.used, 0)::int AS used, c.disabled_at
     FROM codes c LEFT JOIN code_use_slots s ON s.code_id = c.id
     WHERE c.batch_id = $1 AND ($2::text IS NULL OR c.code > $2::text)
     ORDER BY c.code LIMIT $3`,
    [batchId, page.after ?? null, page.limit],
  );
  return result.rows;
}

/** Disables a code: it is no longer found at checkout, and its text may be used again. False if already disabled. */
export async function disableCode(db: Queryable, codeId: string, now: Date): Promise<boolean> {
  const result = await db.query(`UPDATE codes SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL`, [
    codeId,
    now.toISOString(),
  ]);
  return result.rowCount > 0;
}

/** Disables every live code of a batch; returns how many. */
export async function disableBatch(db: Queryable, batchId: string, now: Date): Promise<number> {
  const result = await db.query(`UPDATE codes SET disabled_at = $2 WHERE batch_id = $1 AND disabled_at IS NULL`, [
    batchId,
    now.toISOString(),
  ]);
  return result.rowCount;
}
