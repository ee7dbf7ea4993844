// SQL for the live seat view's registry in Postgres (cloud/adapters/live/registry-postgres.ts): which WebSocket
// connection (API Gateway's id) watches which event, for a WebSocket function with no DynamoDB table (AWS uses one).
import type { Db, Queryable } from './port.ts';

export async function listSubscriptions(db: Queryable, connectionId: string): Promise<Set<string>> {
  const result = await db.query<{ event_id: string }>(
    'SELECT event_id FROM live_subscriptions WHERE connection_id = $1',
    [connectionId],
  );
  return new Set(result.rows.map((row) => row.event_id));
}

/**
 * Adds the subscription unless the connection already watches `max` events; true when it watches the event now.
 * Counted and added under a lock on the connection: API Gateway may run two of its messages at once, and two
 * subscribes each seeing room for one would otherwise both be admitted.
 */
export async function addSubscriptionWithin(
  db: Db,
  connectionId: string,
  eventId: string,
  now: Date,
  max: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('live:' || $1::text, 0))`, [connectionId]);
    const result = await tx.query<{ admitted: boolean }>(
      `WITH mine AS (
         SELECT count(*) AS watched, coalesce(bool_or(event_id = $2), false) AS already
         FROM live_subscriptions WHERE connection_id = $1
       ), added AS (
         INSERT INTO live_subscriptions (connection_id, event_id, subscribed_at)
         SELECT $1, $2, $3 FROM mine WHERE NOT mine.already AND mine.watched < $4::int
         ON CONFLICT (connection_id, event_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT already FROM mine) OR EXISTS (SELECT 1 FROM added) AS admitted`,
      [connectionId, eventId, now.toISOString(), max],
    );
    return result.rows[0]!.admitted;
  });
}

export async function removeSubscription(db: Queryable, connectionId: string, eventId: string): Promise<void> {
  await db.query('DELETE FROM live_subscriptions WHERE connection_id = $1 AND event_id = $2', [connectionId, eventId]);
}

export async function forgetConnections(db: Queryable, connectionIds: string[]): Promise<void> {
  if (connectionIds.length === 0) return;
  await db.query('DELETE FROM live_subscriptions WHERE connection_id = ANY($1::text[])', [connectionIds]);
}

export async function watchersOf(db: Queryable, eventId: string): Promise<string[]> {
  const result = await db.query<{ connection_id: string }>(
    'SELECT connection_id FROM live_subscriptions WHERE event_id = $1',
    [eventId],
  );
  return result.rows.map((row) => row.connection_id);
}

/** Every event anyone may watch (published: every status but draft), for the live view's list of them. */
export async function listWatchableEventIds(db: Queryable): Promise<string[]> {
  const result = await db.query<{ id: string }>(`SELECT id FROM events WHERE status <> 'draft'`);
  return result.rows.map((row) => row.id);
}
