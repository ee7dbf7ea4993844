// The list of events anyone may watch on the live view, passed by both adapters: DynamoDB (what AWS's WebSocket
// function reads instead of Postgres, against dynalite) and the events table itself (`npm start`). Each is told of a
// publish the way the services tell it (AdminService, after the status change commits). Then what only the table
// does: batches past DynamoDB's 25 puts, unprocessed items tried again, a yes remembered and a no asked again, and
// the invariant that lets a yes be remembered for good.
import { randomUUID } from 'node:crypto';
import { GetItemCommand, type BatchWriteItemCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoWatchableEvents } from '../../../cloud/adapters/live/watchable-dynamodb.ts';
import { PostgresWatchableEvents } from '../../../cloud/adapters/live/watchable-postgres.ts';
import { LIVE_REGISTRY_KEYS } from '../../../cloud/contract/live-registry-table.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { listWatchableEventIds } from '../../../cloud/db/live.ts';
import { AdminService } from '../../../cloud/services/admin/admin-service.ts';
import { STATUS_FROM } from '../../../cloud/services/admin/event-making.ts';
import type { WatchableEvents } from '../../../cloud/services/admin/watchable-events.ts';
import { freshDb } from '../../support/databases.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

let dynamo: LocalDynamo;
let db: Db;
let world: World;
beforeAll(async () => {
  [dynamo, db] = await Promise.all([startDynalite(), freshDb('pglite')]);
  world = await buildWorld(db);
});
afterAll(async () => {
  await Promise.all([dynamo?.close(), db?.close()]);
});

const draft = async () =>
  (
    await world.services.admin.createEvent({
      name: 'Draft',
      description: '',
      seatmapId: world.seatmapId,
      startsAt: '2030-03-01T19:00:00Z',
      onSaleFrom: '2030-01-01T10:00:00Z',
      onSaleUntil: '2030-03-01T18:00:00Z',
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [
        {
          name: 'All',
          price: { amount: 5000, currency: 'EUR' },
          sectionIds: smallHall().sections.map((s) => s.id),
          seatIds: [],
        },
      ],
    })
  ).id;

const adapters: [string, () => Promise<WatchableEvents>][] = [
  ['DynamoDB', async () => new DynamoWatchableEvents(dynamo.client, await dynamo.createRegistryTable())],
  ['the events table', async () => new PostgresWatchableEvents(db)],
];

describe.each(adapters)('the watchable events (%s)', (_name, make) => {
  let watchable: WatchableEvents;
  let admin: AdminService;
  beforeAll(async () => {
    watchable = await make();
    admin = new AdminService(db, watchable);
  });

  it('refuses a draft and an unknown event; a published one may be watched once its publish returns', async () => {
    const eventId = await draft();
    expect(await watchable.mayWatch(eventId)).toBe(false);
    expect(await watchable.mayWatch(randomUUID())).toBe(false);
    await admin.setEventStatus(eventId, 'on_sale');
    expect(await watchable.mayWatch(eventId)).toBe(true);
  });

  it('keeps a published event watchable when it is paused or cancelled, and told twice changes nothing', async () => {
    const eventId = await draft();
    await admin.setEventStatus(eventId, 'on_sale');
    await admin.setEventStatus(eventId, 'paused');
    await watchable.allow([eventId, eventId]);
    expect(await watchable.mayWatch(eventId)).toBe(true);
    await admin.setEventStatus(eventId, 'cancelled');
    expect(await watchable.mayWatch(eventId)).toBe(true);
  });

  it('lists a draft cancelled unpublished (staff’s cancellation), as the events table and the deploy’s list do', async () => {
    const cancelling = await buildWorld(db, { watchableEvents: watchable });
    const eventId = await draft();
    await cancelling.services.eventChanges.cancellations.cancel(
      eventId,
      { reason: 'Never went on sale' },
      { sub: 'admin', groups: ['admin'] },
    );
    expect(await watchable.mayWatch(eventId)).toBe(true);
    expect(await new PostgresWatchableEvents(db).mayWatch(eventId)).toBe(true);
    expect(await listWatchableEventIds(db)).toContain(eventId);
  });

  it('never lists a draft asked for its own status', async () => {
    const eventId = await draft();
    await admin.setEventStatus(eventId, 'draft');
    expect(await watchable.mayWatch(eventId)).toBe(false);
  });
});

describe('the watchable events in DynamoDB', () => {
  it('lists every published event at deploy, past the 25 puts of one batch', async () => {
    const watchable = new DynamoWatchableEvents(dynamo.client, await dynamo.createRegistryTable());
    const published = [...(await listWatchableEventIds(db)), ...Array.from({ length: 30 }, () => randomUUID())];
    expect(published).toContain(world.eventId);
    await watchable.allow(published);
    for (const eventId of published) expect(await watchable.mayWatch(eventId), eventId).toBe(true);
    expect(await listWatchableEventIds(db)).not.toContain(await draft());
  });

  it('keeps its items apart from the registry’s, without an expiry', async () => {
    const table = await dynamo.createRegistryTable();
    const eventId = randomUUID();
    await new DynamoWatchableEvents(dynamo.client, table).allow([eventId]);
    const { partitionKey, sortKey } = LIVE_REGISTRY_KEYS;
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: table,
        Key: { [partitionKey.name]: { S: `watchable#${eventId}` }, [sortKey.name]: { S: 'event' } },
      }),
    );
    expect(Item).toEqual({ [partitionKey.name]: { S: `watchable#${eventId}` }, [sortKey.name]: { S: 'event' } });
  });

  it('remembers a yes (one read per instance), asks again after a no', async () => {
    const table = await dynamo.createRegistryTable();
    const reads: string[] = [];
    const counting: Pick<DynamoDBClient, 'send'> = {
      send: ((command: { constructor: { name: string } }) => {
        reads.push(command.constructor.name);
        return dynamo.client.send(command as never);
      }) as DynamoDBClient['send'],
    };
    const writer = new DynamoWatchableEvents(dynamo.client, table);
    const reader = new DynamoWatchableEvents(counting, table);
    const eventId = randomUUID();
    expect(await reader.mayWatch(eventId)).toBe(false);
    expect(await reader.mayWatch(eventId)).toBe(false);
    expect(reads).toEqual(['GetItemCommand', 'GetItemCommand']);
    await writer.allow([eventId]);
    for (let i = 0; i < 5; i++) expect(await reader.mayWatch(eventId)).toBe(true);
    expect(reads).toHaveLength(3);
  });

  it('tries unprocessed puts again, and fails loudly when they stay unprocessed', async () => {
    const sent: BatchWriteItemCommandInput[] = [];
    const pauses: number[] = [];
    const throttled = (left: number): Pick<DynamoDBClient, 'send'> => ({
      send: (async (command: { input: BatchWriteItemCommandInput }) => {
        sent.push(command.input);
        const requests = command.input.RequestItems!.t!;
        // DynamoDB takes one put of each batch while throttled (all of them when `left` is Infinity: none).
        const unprocessed = left === Infinity ? requests : requests.slice(1);
        return { UnprocessedItems: left-- > 0 ? { t: unprocessed } : {} };
      }) as unknown as DynamoDBClient['send'],
    });
    const pause = async (ms: number) => void pauses.push(ms);
    await new DynamoWatchableEvents(throttled(2), 't', pause).allow(['a', 'b', 'c']);
    expect(sent.map((input) => input.RequestItems!.t!.length)).toEqual([3, 2, 1]);
    expect(pauses).toEqual([200, 400]);
    await expect(new DynamoWatchableEvents(throttled(Infinity), 't', pause).allow(['a', 'b'])).rejects.toThrow(
      /not written after 5 tries/,
    );
  });
});

it('lets no status lead back to draft (a reader may remember a yes for good)', () => {
  expect(STATUS_FROM.draft).toEqual([]);
});
