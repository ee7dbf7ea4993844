// SQL of the waiting room (migration 0033): an event's queue settings with its one state row, the arrival numbers
// (one SEQUENCE per queue: nextval takes no lock), one place per verified account, the state's conditional advance,
// and what is left to sell with what the admitted buyers took (the drain rule's input).
import type { AdmittedBaskets } from '../domain/queue/admission.ts';
import type { Queryable } from './port.ts';

export interface QueueSettingsRow {
  event_id: string;
  enabled: boolean;
  opens_at: Date;
  admission_per_minute: number | null;
  one_place_per: 'session' | 'verified_account';
  challenge_bits: number;
  token_minutes: number;
}

export interface QueueStateRow {
  version: number;
  arrived_before_opening: number | null;
  admitted_through: number;
  joined: number;
  admitting_per_minute: number | null;
  admission_carry: number;
  sold_out: boolean;
  free_at_opening: number | null;
  checkpoints: { at: number; through: number }[];
  updated_at: Date;
}

export type QueueRow = QueueSettingsRow & { state: QueueStateRow | null };

const SETTINGS = `q.event_id, q.enabled, q.opens_at, q.admission_per_minute, q.one_place_per, q.challenge_bits,
  q.token_minutes`;

const STATE = `s.version, s.arrived_before_opening, s.admitted_through, s.joined, s.admitting_per_minute,
  s.admission_carry, s.sold_out, s.free_at_opening, s.checkpoints, s.updated_at`;

/** bigint columns arrive as strings from pg: the queue's counts stay far below 2^53. */
function stateOf(row: Record<string, unknown>): QueueStateRow | null {
  if (row.version === null || row.version === undefined) return null;
  const count = (value: unknown) => (value === null ? null : Number(value));
  return {
    version: Number(row.version),
    arrived_before_opening: count(row.arrived_before_opening),
    admitted_through: Number(row.admitted_through),
    joined: Number(row.joined),
    admitting_per_minute: row.admitting_per_minute === null ? null : Number(row.admitting_per_minute),
    admission_carry: Number(row.admission_carry),
    sold_out: row.sold_out as boolean,
    free_at_opening: count(row.free_at_opening),
    checkpoints: row.checkpoints as { at: number; through: number }[],
    updated_at: row.updated_at as Date,
  };
}

/** The event's queue (settings and state) in one read; null when the event never had one. */
export async function findQueue(db: Queryable, eventId: string): Promise<QueueRow | null> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT ${SETTINGS}, ${STATE} FROM event_queues q LEFT JOIN event_queue_states s ON s.event_id = q.event_id
     WHERE q.event_id = $1`,
    [eventId],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    event_id: row.event_id as string,
    enabled: row.enabled as boolean,
    opens_at: row.opens_at as Date,
    admission_per_minute: row.admission_per_minute as number | null,
    one_place_per: row.one_place_per as QueueSettingsRow['one_place_per'],
    challenge_bits: Number(row.challenge_bits),
    token_minutes: Number(row.token_minutes),
    state: stateOf(row),
  };
}

/**
 * Saves the settings (in the caller's transaction), makes the queue's arrival sequence and its state row if new.
 * Moving the opening while it has not happened yet starts the state over (nobody was admitted); a queue that opened
 * keeps its arrivals' places.
 */
export async function saveQueueSettings(
  tx: Queryable,
  settings: QueueSettingsRow,
  updatedBy: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO event_queues (event_id, enabled, opens_at, admission_per_minute, one_place_per, challenge_bits,
       token_minutes, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (event_id) DO UPDATE SET enabled = excluded.enabled, opens_at = excluded.opens_at,
       admission_per_minute = excluded.admission_per_minute, one_place_per = excluded.one_place_per,
       challenge_bits = excluded.challenge_bits, token_minutes = excluded.token_minutes,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [
      settings.event_id,
      settings.enabled,
      settings.opens_at.toISOString(),
      settings.admission_per_minute,
      settings.one_place_per,
      settings.challenge_bits,
      settings.token_minutes,
      now.toISOString(),
      updatedBy,
    ],
  );
  await tx.query('SELECT queue_arrival_sequence($1)', [settings.event_id]);
  await tx.query(
    `INSERT INTO event_queue_states (event_id, updated_at) VALUES ($1, $2)
     ON CONFLICT (event_id) DO UPDATE SET version = event_queue_states.version + 1, updated_at = excluded.updated_at,
       admitted_through = 0, arrived_before_opening = NULL, free_at_opening = NULL, admission_carry = 0,
       checkpoints = '[]'
     WHERE event_queue_states.arrived_before_opening IS NULL`,
    [settings.event_id, now.toISOString()],
  );
}

/** The sequence's name: the one migration 0033's queue_arrival_sequence() made (a uuid's hex digits only). */
/** The name of the event's arrival sequence (made by migration 0033's queue_arrival_sequence). */
export const sequenceOf = (eventId: string) => `queue_arrivals_${eventId.replace(/-/g, '')}`;

/** The next arrival number of the event's queue: one nextval, no lock, no row. */
export async function nextArrival(db: Queryable, eventId: string): Promise<number> {
  const result = await db.query<{ arrival: string }>('SELECT nextval($1::regclass) AS arrival', [sequenceOf(eventId)]);
  return Number(result.rows[0]!.arrival);
}

/** How many arrival numbers were given (0 before the first). */
export async function arrivalsSoFar(db: Queryable, eventId: string): Promise<number> {
  const result = await db.query<{ arrivals: string | null }>(
    'SELECT pg_sequence_last_value($1::regclass) AS arrivals',
    [sequenceOf(eventId)],
  );
  return Number(result.rows[0]?.arrivals ?? 0);
}

/** The account's arrival number in the event's queue, if it joined before (one place per account). */
export async function findAccountArrival(db: Queryable, eventId: string, accountSub: string): Promise<number | null> {
  const result = await db.query<{ arrival: string }>(
    'SELECT arrival FROM event_queue_accounts WHERE event_id = $1 AND account_sub = $2',
    [eventId, accountSub],
  );
  const row = result.rows[0];
  return row ? Number(row.arrival) : null;
}

/**
 * The account's place: a new arrival number, or the one it already has (a race of two joins of the same account
 * keeps the first; the loser's number stays unused, a gap nobody holds).
 */
export async function joinAsAccount(db: Queryable, eventId: string, accountSub: string, now: Date): Promise<number> {
  const result = await db.query<{ arrival: string }>(
    `INSERT INTO event_queue_accounts (event_id, account_sub, arrival, joined_at)
     VALUES ($1, $2, nextval($3::regclass), $4)
     ON CONFLICT (event_id, account_sub) DO UPDATE SET arrival = event_queue_accounts.arrival
     RETURNING arrival`,
    [eventId, accountSub, sequenceOf(eventId), now.toISOString()],
  );
  return Number(result.rows[0]!.arrival);
}

/**
 * Writes the next state if nobody wrote it since `version` was read (two processes finding it stale at once: one
 * writes, the other reads the winner's). Returns whether this write won.
 */
export async function advanceQueueState(
  db: Queryable,
  eventId: string,
  version: number,
  next: Omit<QueueStateRow, 'version'>,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE event_queue_states SET version = version + 1, arrived_before_opening = $3, admitted_through = $4,
       joined = $5, admitting_per_minute = $6, admission_carry = $7, sold_out = $8, free_at_opening = $9,
       checkpoints = $10::jsonb, updated_at = $11
     WHERE event_id = $1 AND version = $2`,
    [
      eventId,
      version,
      next.arrived_before_opening,
      next.admitted_through,
      next.joined,
      next.admitting_per_minute,
      next.admission_carry,
      next.sold_out,
      next.free_at_opening,
      JSON.stringify(next.checkpoints),
      next.updated_at.toISOString(),
    ],
  );
  return result.rowCount === 1;
}

/**
 * What is left to sell (seats available and standing places free) and, for the drain rule (`withBaskets`), what the
 * admitted buyers took: their holds that still take seats (held or sold) and those seats, read through the partial
 * index of admitted holds (migrations 0035, 0037). A buyer is a place (0037: one place, one basket, however many holds
 * it took); a hold without one (a waitlist offer's) is a buyer of its own. One statement either way: the state's
 * advance, at most once a second.
 */
export async function drainFacts(
  db: Queryable,
  eventId: string,
  withBaskets: boolean,
): Promise<{ free: number; baskets?: AdmittedBaskets }> {
  const baskets = withBaskets
    ? `, baskets.buyers, baskets.seats FROM (
         SELECT count(DISTINCT queue_place) + count(*) FILTER (WHERE queue_place IS NULL) AS buyers,
                coalesce(sum(cardinality(seat_nos) + coalesce(ga_quantity, 0)), 0) AS seats
         FROM holds WHERE event_id = $1 AND queue_admitted AND state IN ('active', 'converted')) baskets`
    : '';
  const result = await db.query<{ free: string; buyers?: string; seats?: string }>(
    `SELECT (SELECT count(*) FROM event_seats WHERE event_id = $1 AND status = 'available')
          + (SELECT coalesce(sum(capacity - held - sold), 0) FROM event_ga WHERE event_id = $1) AS free${baskets}`,
    [eventId],
  );
  const row = result.rows[0]!;
  const free = Number(row.free);
  return withBaskets ? { free, baskets: { buyers: Number(row.buyers), seats: Number(row.seats) } } : { free };
}
