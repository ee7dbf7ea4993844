// The live seat view's WebSocket function (websocket-route.ts says what each route does), off the selling database:
// subscriptions are in the live registry's DynamoDB table, and so is whether an event may be watched (an item per
// published event, cloud/adapters/live/watchable-dynamodb.ts), so it opens no Postgres pool and reads no app secret;
// only CloudFront's secret for $connect (Secrets Manager). A million subscribes cost DynamoDB requests, not queries.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoLiveRegistry } from '../adapters/live/registry-dynamodb.ts';
import { DynamoWatchableEvents } from '../adapters/live/watchable-dynamodb.ts';
import { LIVE_REGISTRY_TABLE_ENV } from '../contract/live-registry-table.ts';
import { originSecretFromEnv } from '../http/origin-lock.ts';
import { systemClock } from '../services/ports.ts';
import { traced } from './observability.ts';
import { createWebSocketHandler } from './websocket-route.ts';

export const handler = createWebSocketHandler(async () => {
  const table = process.env[LIVE_REGISTRY_TABLE_ENV];
  if (!table) throw new Error(`Set ${LIVE_REGISTRY_TABLE_ENV} (the live registry's table)`);
  const client = traced(new DynamoDBClient({ region: process.env.AWS_REGION ?? 'eu-central-1' }));
  const watchable = new DynamoWatchableEvents(client, table);
  return {
    registry: new DynamoLiveRegistry(client, table),
    clock: systemClock,
    canWatch: (eventId) => watchable.mayWatch(eventId),
    originSecret: originSecretFromEnv(process.env),
  };
});
