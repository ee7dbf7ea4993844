// Which live registry the WebSocket and fan-out functions use: the DynamoDB table the estate names in
// LIVE_REGISTRY_TABLE (AWS: subscribing writes nothing to the selling database), else rows in Postgres.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LIVE_REGISTRY_TABLE_ENV } from '../contract/live-registry-table.ts';
import { DynamoLiveRegistry } from '../adapters/live/registry-dynamodb.ts';
import { PostgresLiveRegistry } from '../adapters/live/registry-postgres.ts';
import type { LiveRegistry } from '../adapters/live/registry.ts';
import type { Db } from '../db/port.ts';
import { traced } from './observability.ts';

export function liveRegistryFromEnv(env: Record<string, string | undefined>, db: Db, region: string): LiveRegistry {
  const table = env[LIVE_REGISTRY_TABLE_ENV];
  if (!table) return new PostgresLiveRegistry(db);
  return new DynamoLiveRegistry(traced(new DynamoDBClient({ region })), table);
}
