// SQL for the live seat view in AWS: which WebSocket connection (API Gateway's id) watches which event.
import type { Queryable } from './port.ts';

export async function listSubscriptions(db: Queryable, connectionId: string): Promise<Set<string>> {
  const result = await db.query<{ event_id: string }>(
    'SELECT event_id FROM live_subscriptions WHERE connection_id = $1',
    [connectionId],
  );
  return new Set(result.rows.map((row) => row.event_id));
}

export async function addSubscription(db: Queryable, connectionId: string, eventId: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO live_subscriptions (connection_id, event_id, subscribed_at) VALUES ($1, $2, $3)
     ON CONFLICT (connection_id, event_id) DO NOTHING`,
    [connectionId, eventId, now.toISOString()],
  );
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
