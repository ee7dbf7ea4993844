// Which live registry the fan-out uses: the DynamoDB table the estate names in LIVE_REGISTRY_TABLE (AWS: subscribing
// writes nothing to the selling database), else rows in Postgres. The same table lists the events anyone may watch,
// which the API (after a publish) and the migration's custom resource (every event published before) write.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LIVE_REGISTRY_TABLE_ENV } from '../contract/live-registry-table.ts';
import { DynamoLiveRegistry } from '../adapters/live/registry-dynamodb.ts';
import { PostgresLiveRegistry } from '../adapters/live/registry-postgres.ts';
import { DynamoWatchableEvents } from '../adapters/live/watchable-dynamodb.ts';
import type { LiveRegistry } from '../adapters/live/registry.ts';
import type { Db } from '../db/port.ts';
import { traced } from './observability.ts';

export function liveRegistryFromEnv(env: Record<string, string | undefined>, db: Db, region: string): LiveRegistry {
  const table = env[LIVE_REGISTRY_TABLE_ENV];
  if (!table) return new PostgresLiveRegistry(db);
  return new DynamoLiveRegistry(traced(new DynamoDBClient({ region })), table);
}

/** The watchable events' list in the table, when one is configured (without one, the events table is the list). */
export function watchableEventsFromEnv(
  env: Record<string, string | undefined>,
  region: string,
): DynamoWatchableEvents | undefined {
  const table = env[LIVE_REGISTRY_TABLE_ENV];
  return table ? new DynamoWatchableEvents(traced(new DynamoDBClient({ region })), table) : undefined;
}
