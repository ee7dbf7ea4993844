// The live view's registry in AWS: which WebSocket connection (API Gateway's id) watches which event. The WebSocket
// function adds and removes subscriptions; the fan-out reads an event's watchers and forgets connections that are
// gone. Two adapters: DynamoDB (registry-dynamodb.ts, what AWS runs, off the selling database) and Postgres rows
// (registry-postgres.ts, where no table is configured); both pass test/integration/live/live-registry.test.ts.
import type { Clock } from '../../services/ports.ts';
import type { ConnectionSubscriptions } from './protocol.ts';

export interface LiveRegistry {
  /**
   * Adds the subscription unless the connection already watches `max` other events, counted and added as one step
   * (API Gateway runs a connection's messages at once); true when the connection watches the event now.
   */
  addWithin(connectionId: string, eventId: string, max: number, now: Date): Promise<boolean>;
  remove(connectionId: string, eventId: string): Promise<void>;
  /** The events the connection watches. */
  subscriptionsOf(connectionId: string): Promise<Set<string>>;
  /**
   * The connections watching the event, a page at a time (a stadium's watchers are not read into memory at once),
   * including every subscription answered before the call.
   */
  watchersOf(eventId: string, now: Date): AsyncIterable<string[]>;
  /**
   * Forgets every subscription of these connections: at $disconnect, or when a push to `foundWatching`'s watchers
   * found them gone.
   */
  forget(connectionIds: string[], foundWatching?: string): Promise<void>;
}

/** One connection's subscriptions in the registry, for the protocol. */
export function connectionSubscriptions(
  registry: LiveRegistry,
  connectionId: string,
  clock: Clock,
): ConnectionSubscriptions {
  return {
    list: () => registry.subscriptionsOf(connectionId),
    add: (eventId, max) => registry.addWithin(connectionId, eventId, max, clock.now()),
    remove: (eventId) => registry.remove(connectionId, eventId),
  };
}
