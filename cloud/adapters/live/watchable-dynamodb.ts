// The events anyone may watch, in the live registry's DynamoDB table (AWS), so the WebSocket function asks no
// Postgres: one item per published event, pk `watchable#<eventId>`, sk `event`, without a TTL (it stays as long as the
// event: an event once published may be watched for good, cloud/services/admin/watchable-events.ts). The registry's
// items (registry-dynamodb.ts) use other partition keys, so an event's watchers never include it.
// Written by the API after a publish commits (BatchWriteItem) and at deploy for every event already published (the
// migration's custom resource); read by the WebSocket function at a subscribe, strongly consistent, so an event is
// watchable as soon as its publish is answered. A yes is remembered per instance (it never turns into a no): a stadium
// of subscribes costs one read per instance; a no is asked again each time (one GetItem), so no refusal outlives a
// publish.
import {
  BatchWriteItemCommand,
  GetItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { LIVE_REGISTRY_KEYS } from '../../contract/live-registry-table.ts';
import type { WatchableEvents } from '../../services/admin/watchable-events.ts';

const PK = LIVE_REGISTRY_KEYS.partitionKey.name;
const SK = LIVE_REGISTRY_KEYS.sortKey.name;
/** DynamoDB's most puts in one BatchWriteItem. */
const BATCH = 25;
/** Tries of a batch's unprocessed items (DynamoDB returns them when throttled) before the write fails. */
const TRIES = 5;
/** Event ids remembered as watchable; forgotten wholesale past this many (random ids are never remembered). */
const REMEMBERED_MAX = 10_000;

const watchableKey = (eventId: string): Record<string, AttributeValue> => ({
  [PK]: { S: `watchable#${eventId}` },
  [SK]: { S: 'event' },
});

export class DynamoWatchableEvents implements WatchableEvents {
  private readonly remembered = new Set<string>();

  constructor(
    private readonly client: Pick<DynamoDBClient, 'send'>,
    private readonly table: string,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async allow(eventIds: readonly string[]): Promise<void> {
    const unique = [...new Set(eventIds)];
    for (let at = 0; at < unique.length; at += BATCH) {
      await this.write(unique.slice(at, at + BATCH).map((id) => ({ PutRequest: { Item: watchableKey(id) } })));
    }
  }

  async mayWatch(eventId: string): Promise<boolean> {
    if (this.remembered.has(eventId)) return true;
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: watchableKey(eventId),
        ConsistentRead: true,
        ProjectionExpression: '#pk',
        ExpressionAttributeNames: { '#pk': PK },
      }),
    );
    if (!Item) return false;
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.add(eventId);
    return true;
  }

  /** One batch, its unprocessed items tried again after a growing pause; an error when some are still left. */
  private async write(requests: WriteRequest[]): Promise<void> {
    let left = requests;
    for (let attempt = 1; left.length > 0; attempt++) {
      if (attempt > TRIES) throw new Error(`${left.length} watchable event(s) not written after ${TRIES} tries`);
      if (attempt > 1) await this.pause(50 * 2 ** attempt);
      const { UnprocessedItems } = await this.client.send(
        new BatchWriteItemCommand({ RequestItems: { [this.table]: left } }),
      );
      left = UnprocessedItems?.[this.table] ?? [];
    }
  }
}
