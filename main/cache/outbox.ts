// The device outbox: mutations recorded locally first (a sale at the counter while offline), pushed later, each
// applied by the cloud once thanks to its idempotency key. A mutation the cloud refuses for good is kept with the
// reason for the clerk and does not hold up the ones behind it.
import { randomUUID } from 'node:crypto';
import type { CacheDb } from './database.ts';

export interface OutboxEntry {
  seq: number;
  id: string;
  kind: string;
  method: string;
  path: string;
  body: unknown;
  idempotencyKey: string;
  state: 'pending' | 'applied' | 'rejected';
  attempts: number;
  nextAttemptAt: string;
  response: unknown;
  reason: string | null;
  createdAt: string;
}

interface Row {
  seq: number;
  id: string;
  kind: string;
  method: string;
  path: string;
  body: string | null;
  idempotency_key: string;
  state: OutboxEntry['state'];
  attempts: number;
  next_attempt_at: string;
  response: string | null;
  reason: string | null;
  created_at: string;
}

const toEntry = (row: Row): OutboxEntry => ({
  seq: row.seq,
  id: row.id,
  kind: row.kind,
  method: row.method,
  path: row.path,
  body: row.body === null ? undefined : JSON.parse(row.body),
  idempotencyKey: row.idempotency_key,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  response: row.response === null ? undefined : JSON.parse(row.response),
  reason: row.reason,
  createdAt: row.created_at,
});

export class Outbox {
  constructor(private readonly db: CacheDb) {}

  /** Records a mutation; it is on disk when this returns. */
  enqueue(
    mutation: { kind: string; method: string; path: string; body?: unknown; idempotencyKey?: string },
    now = new Date(),
  ): OutboxEntry {
    const id = randomUUID();
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO outbox (id, kind, method, path, body, idempotency_key, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        mutation.kind,
        mutation.method,
        mutation.path,
        mutation.body === undefined ? null : JSON.stringify(mutation.body),
        mutation.idempotencyKey ?? randomUUID(),
        at,
        at,
      );
    return this.get(id)!;
  }

  get(id: string): OutboxEntry | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Pending mutations due now, oldest first. */
  due(now: Date, limit = 100): OutboxEntry[] {
    return (
      this.db
        .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?`)
        .all(now.toISOString(), limit) as Row[]
    ).map(toEntry);
  }

  pendingCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`).get() as { n: number }).n;
  }

  rejected(): OutboxEntry[] {
    return (this.db.prepare(`SELECT * FROM outbox WHERE state = 'rejected' ORDER BY seq`).all() as Row[]).map(toEntry);
  }

  markApplied(id: string, response: unknown, now = new Date()): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'applied', response = ?, settled_at = ? WHERE id = ? AND state = 'pending'`)
      .run(JSON.stringify(response ?? null), now.toISOString(), id);
  }

  markRejected(id: string, reason: string, response: unknown, now = new Date()): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'rejected', reason = ?, response = ?, settled_at = ? WHERE id = ? AND state = 'pending'`,
      )
      .run(reason, JSON.stringify(response ?? null), now.toISOString(), id);
  }

  /** Another try later; returns when. */
  retryLater(id: string, attempts: number, at: Date): void {
    this.db
      .prepare(`UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?`)
      .run(attempts, at.toISOString(), id);
  }
}
