// The live registry's contract (which WebSocket connection watches which event), passed by both adapters: DynamoDB
// (what AWS runs, against dynalite: DynamoDB's wire protocol) and Postgres rows. Then what only the table does: its
// pages of watchers, its TTL on every item, and readers skipping what has expired before DynamoDB deletes it.
import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveRegistry } from '../../../cloud/adapters/live/registry.ts';
import { DynamoLiveRegistry } from '../../../cloud/adapters/live/registry-dynamodb.ts';
import { PostgresLiveRegistry } from '../../../cloud/adapters/live/registry-postgres.ts';
import {
  LIVE_CONNECTION_MAX_LIFE_SECONDS,
  LIVE_REGISTRY_TTL_ATTRIBUTE,
} from '../../../cloud/contract/live-registry-table.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { freshDb } from '../../support/databases.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';

const MAX = 20;
const now = new Date('2026-12-07T09:00:00Z');

async function allWatchers(registry: LiveRegistry, eventId: string, at = now): Promise<{ pages: string[][] }> {
  const pages: string[][] = [];
  for await (const page of registry.watchersOf(eventId, at)) pages.push(page);
  return { pages };
}
const sorted = (pages: string[][]) => pages.flat().sort();

let dynamo: LocalDynamo;
let db: Db;
beforeAll(async () => {
  [dynamo, db] = await Promise.all([startDynalite(), freshDb('pglite')]);
});
afterAll(async () => {
  await Promise.all([dynamo?.close(), db?.close()]);
});

const adapters: [string, () => Promise<LiveRegistry>][] = [
  ['DynamoDB', async () => new DynamoLiveRegistry(dynamo.client, await dynamo.createRegistryTable())],
  ['Postgres', async () => new PostgresLiveRegistry(db)],
];

describe.each(adapters)('the live registry (%s)', (_name, make) => {
  let registry: LiveRegistry;
  beforeAll(async () => {
    registry = await make();
  });

  it('admits exactly 20 of 21 subscribes of one connection sent at once, and still admits one it watches', async () => {
    const connectionId = `conn-${randomUUID()}`;
    const eventIds = Array.from({ length: MAX + 1 }, () => randomUUID());
    const admitted = await Promise.all(eventIds.map((eventId) => registry.addWithin(connectionId, eventId, MAX, now)));
    expect(admitted.filter(Boolean)).toHaveLength(MAX);
    const watched = await registry.subscriptionsOf(connectionId);
    expect(watched.size).toBe(MAX);
    const refused = eventIds[admitted.indexOf(false)]!;
    expect(watched.has(refused)).toBe(false);
    const again = [...watched][0]!;
    expect(await registry.addWithin(connectionId, again, MAX, now)).toBe(true);
    expect((await registry.subscriptionsOf(connectionId)).size).toBe(MAX);
    // The refused event has no watcher: nothing would be pushed to the connection for it.
    expect(sorted((await allWatchers(registry, refused)).pages)).toEqual([]);
    // Unsubscribing makes room.
    await registry.remove(connectionId, again);
    expect(await registry.addWithin(connectionId, refused, MAX, now)).toBe(true);
  });

  it('lists an event’s watchers, drops one that unsubscribed, forgets connections with all they watched', async () => {
    const [eventId, other] = [randomUUID(), randomUUID()];
    const ids = ['a', 'b', 'c'].map((n) => `conn-${n}-${randomUUID()}`);
    for (const id of ids) expect(await registry.addWithin(id, eventId, MAX, now)).toBe(true);
    await registry.addWithin(ids[0]!, other, MAX, now);
    expect(sorted((await allWatchers(registry, eventId)).pages)).toEqual([...ids].sort());
    await registry.remove(ids[1]!, eventId);
    expect(sorted((await allWatchers(registry, eventId)).pages)).toEqual([ids[0], ids[2]].sort());
    expect(await registry.subscriptionsOf(ids[1]!)).toEqual(new Set());
    await registry.forget([ids[0]!]);
    expect(sorted((await allWatchers(registry, eventId)).pages)).toEqual([ids[2]]);
    expect(sorted((await allWatchers(registry, other)).pages)).toEqual([]);
    expect(await registry.subscriptionsOf(ids[0]!)).toEqual(new Set());
    // Unsubscribing what a connection does not watch, and forgetting one that never subscribed, are no-ops.
    await registry.remove(`conn-${randomUUID()}`, eventId);
    await registry.forget([`conn-${randomUUID()}`]);
    await registry.forget([]);
    expect(sorted((await allWatchers(registry, eventId)).pages)).toEqual([ids[2]]);
  });
});

describe('the live registry’s DynamoDB table', () => {
  let table: string;
  let registry: DynamoLiveRegistry;
  beforeAll(async () => {
    table = await dynamo.createRegistryTable();
    registry = new DynamoLiveRegistry(dynamo.client, table, { pageSize: 10 });
  });

  it('reads a large event’s watchers a page at a time, every watcher once', async () => {
    const eventId = randomUUID();
    const ids = Array.from({ length: 25 }, (_, i) => `conn-${String(i).padStart(2, '0')}-${randomUUID()}`);
    await Promise.all(ids.map((id) => registry.addWithin(id, eventId, MAX, now)));
    const { pages } = await allWatchers(registry, eventId);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(sorted(pages)).toEqual([...ids].sort());
  });

  it('puts a TTL on every item, past API Gateway’s 2-hour connection life, and skips expired watchers', async () => {
    const [eventId, connectionId] = [randomUUID(), `conn-${randomUUID()}`];
    await registry.addWithin(connectionId, eventId, MAX, now);
    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    const mine = Items.filter((item) => JSON.stringify(item).includes(connectionId));
    expect(mine).toHaveLength(2); // the watcher and the connection
    const expected = Math.floor(now.getTime() / 1000) + LIVE_CONNECTION_MAX_LIFE_SECONDS;
    for (const item of mine) expect(Number(item[LIVE_REGISTRY_TTL_ATTRIBUTE]!.N)).toBe(expected);
    expect(LIVE_CONNECTION_MAX_LIFE_SECONDS).toBeGreaterThanOrEqual(2 * 60 * 60);
    // Past its TTL, before DynamoDB has deleted it (which can take a while): no longer a watcher.
    const later = new Date((expected + 1) * 1000);
    expect(sorted((await allWatchers(registry, eventId, later)).pages)).toEqual([]);
    expect(sorted((await allWatchers(registry, eventId, now)).pages)).toEqual([connectionId]);
  });

  it('forgets a watcher item that is in no connection’s set, once a push to its event finds it gone', async () => {
    const [eventId, connectionId] = [randomUUID(), `conn-${randomUUID()}`];
    await registry.addWithin(connectionId, eventId, MAX, now);
    // As when a subscribe's watcher put lands after its connection's $disconnect deleted the connection item.
    await dynamo.client.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { pk: { S: `connection#${connectionId}` }, sk: { S: 'subscriptions' } },
      }),
    );
    await registry.forget([connectionId]);
    expect(sorted((await allWatchers(registry, eventId)).pages)).toEqual([connectionId]);
    await registry.forget([connectionId], eventId);
    expect(sorted((await allWatchers(registry, eventId)).pages)).toEqual([]);
  });
});
