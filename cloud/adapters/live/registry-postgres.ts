// The live registry as rows in Postgres (live_subscriptions, cloud/db/live.ts): what the fan-out reads when no DynamoDB
// table is configured, and what the registry's contract test holds the table to. Every subscribe would then be a write
// to the selling database: the WebSocket function in AWS takes the table only (it has no database).
import type { Db } from '../../db/port.ts';
import {
  addSubscriptionWithin,
  forgetConnections,
  listSubscriptions,
  removeSubscription,
  watchersOf,
} from '../../db/live.ts';
import type { LiveRegistry } from './registry.ts';

export class PostgresLiveRegistry implements LiveRegistry {
  constructor(private readonly db: Db) {}

  addWithin(connectionId: string, eventId: string, max: number, now: Date): Promise<boolean> {
    return addSubscriptionWithin(this.db, connectionId, eventId, now, max);
  }

  remove(connectionId: string, eventId: string): Promise<void> {
    return removeSubscription(this.db, connectionId, eventId);
  }

  subscriptionsOf(connectionId: string): Promise<Set<string>> {
    return listSubscriptions(this.db, connectionId);
  }

  /** One page: rows have no expiry (a connection is forgotten at $disconnect or when a push finds it gone). */
  async *watchersOf(eventId: string): AsyncIterable<string[]> {
    const connectionIds = await watchersOf(this.db, eventId);
    if (connectionIds.length > 0) yield connectionIds;
  }

  forget(connectionIds: string[]): Promise<void> {
    return forgetConnections(this.db, connectionIds);
  }
}
