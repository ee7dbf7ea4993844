// The live view's connection registry in AWS (a DynamoDB table): its key schema and TTL attribute, shared by the
// estate (cloud/infra/live-registry.ts makes the table), the adapter (cloud/adapters/live/registry-dynamodb.ts reads
// and writes it) and the tests' local table (test/support/dynalite.ts), so the three cannot drift.

/** The table's keys, both strings: `pk` names an event's watchers or one connection, `sk` the item within it. */
export const LIVE_REGISTRY_KEYS = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const;

/** Epoch seconds after which DynamoDB deletes an item (its TTL); readers skip items past it, which TTL deletes late. */
export const LIVE_REGISTRY_TTL_ATTRIBUTE = 'expiresAt';

/** The environment variable naming the table in the WebSocket and fan-out functions; unset: rows in Postgres. */
export const LIVE_REGISTRY_TABLE_ENV = 'LIVE_REGISTRY_TABLE';

/**
 * How long a connection's items are kept after its last subscribe: API Gateway closes a WebSocket connection after
 * 2 hours at most, so by then it is gone even when no $disconnect came (a few minutes' margin for clocks).
 */
export const LIVE_CONNECTION_MAX_LIFE_SECONDS = 2 * 60 * 60 + 5 * 60;
