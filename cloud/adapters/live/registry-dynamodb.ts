// The live registry in DynamoDB (AWS): subscribing to the live view writes nothing to the selling database.
// One table (keys in cloud/contract/live-registry-table.ts), two kinds of item:
//   watcher     pk `event#<eventId>`, sk `<connectionId>`: an event's watchers are one Query, read a page at a time;
//   connection  pk `connection#<connectionId>`, sk `subscriptions`, `events` a string set of the events it watches.
// The limit per connection is a condition on the connection item (`size(events) < max`, or the event already in it),
// checked and added by one UpdateItem, which DynamoDB applies atomically: concurrent subscribes of one connection
// cannot both take the last place. The watcher item is put after the place is taken; a subscribe that fails between
// the two is answered with an error, and the client's retry (idempotent: the event is in the set) puts it.
// Every item carries `expiresAt` (TTL): a connection that vanished without $disconnect (API Gateway closes any after
// 2 hours) is deleted by DynamoDB; TTL deletes late, so readers skip what has expired.
// Reads of the registry are strongly consistent: a watcher answered `subscribed` gets the next change.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  LIVE_CONNECTION_MAX_LIFE_SECONDS,
  LIVE_REGISTRY_KEYS,
  LIVE_REGISTRY_TTL_ATTRIBUTE,
} from '../../contract/live-registry-table.ts';
import { forEachAtMost } from './at-most.ts';
import type { LiveRegistry } from './registry.ts';

const PK = LIVE_REGISTRY_KEYS.partitionKey.name;
const SK = LIVE_REGISTRY_KEYS.sortKey.name;
const TTL = LIVE_REGISTRY_TTL_ATTRIBUTE;
const CONNECTION_ITEM = 'subscriptions';
/** Deletes of one forgotten connection's items (and connections forgotten) at once. */
const DELETE_CONCURRENCY = 8;

type Key = Record<string, AttributeValue>;
const watcherKey = (eventId: string, connectionId: string): Key => ({
  [PK]: { S: `event#${eventId}` },
  [SK]: { S: connectionId },
});
const connectionKey = (connectionId: string): Key => ({
  [PK]: { S: `connection#${connectionId}` },
  [SK]: { S: CONNECTION_ITEM },
});
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export interface DynamoLiveRegistryOptions {
  /** Watchers read per Query (DynamoDB also ends a page at 1 MB). */
  pageSize?: number;
}

export class DynamoLiveRegistry implements LiveRegistry {
  private readonly pageSize: number;

  constructor(
    private readonly client: Pick<DynamoDBClient, 'send'>,
    private readonly table: string,
    options: DynamoLiveRegistryOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
  }

  async addWithin(connectionId: string, eventId: string, max: number, now: Date): Promise<boolean> {
    const expiresAt = { N: String(epochSeconds(now) + LIVE_CONNECTION_MAX_LIFE_SECONDS) };
    const placeTaken = await this.updateIf({
      TableName: this.table,
      Key: connectionKey(connectionId),
      UpdateExpression: 'ADD events :event SET #ttl = :expiresAt',
      ConditionExpression: 'attribute_not_exists(events) OR size(events) < :max OR contains(events, :eventId)',
      ExpressionAttributeNames: { '#ttl': TTL },
      ExpressionAttributeValues: {
        ':event': { SS: [eventId] },
        ':eventId': { S: eventId },
        ':max': { N: String(max) },
        ':expiresAt': expiresAt,
      },
    });
    if (!placeTaken) return false;
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: { ...watcherKey(eventId, connectionId), [TTL]: expiresAt },
      }),
    );
    return true;
  }

  async remove(connectionId: string, eventId: string): Promise<void> {
    // The watcher first: a connection is never pushed an event its set no longer counts.
    await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: watcherKey(eventId, connectionId) }));
    await this.updateIf({
      TableName: this.table,
      Key: connectionKey(connectionId),
      UpdateExpression: 'DELETE events :event',
      // Without it an unsubscribe of a connection with no item would make one, without a TTL.
      ConditionExpression: `attribute_exists(${PK})`,
      ExpressionAttributeValues: { ':event': { SS: [eventId] } },
    });
  }

  async subscriptionsOf(connectionId: string): Promise<Set<string>> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: connectionKey(connectionId), ConsistentRead: true }),
    );
    return new Set(Item?.events?.SS ?? []);
  }

  async *watchersOf(eventId: string, now: Date): AsyncIterable<string[]> {
    let startKey: Key | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: '#ttl > :now',
          ProjectionExpression: '#sk',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#ttl': TTL },
          ExpressionAttributeValues: {
            ':pk': watcherKey(eventId, '')[PK]!,
            ':now': { N: String(epochSeconds(now)) },
          },
          ConsistentRead: true,
          Limit: this.pageSize,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const connectionIds = (page.Items ?? []).map((item) => item[SK]!.S!);
      if (connectionIds.length > 0) yield connectionIds;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async forget(connectionIds: string[], foundWatching?: string): Promise<void> {
    await forEachAtMost(connectionIds, DELETE_CONCURRENCY, async (connectionId) => {
      const events = await this.subscriptionsOf(connectionId);
      // A watcher item put by a subscribe that raced the connection's $disconnect is in no set: named by the push.
      if (foundWatching) events.add(foundWatching);
      await forEachAtMost([...events], DELETE_CONCURRENCY, (eventId) => this.delete(watcherKey(eventId, connectionId)));
      // The connection item last: until then a retry finds what is left to delete.
      await this.delete(connectionKey(connectionId));
    });
  }

  /** The update, made if its condition holds; false when it did not. */
  private async updateIf(input: UpdateItemCommandInput): Promise<boolean> {
    try {
      await this.client.send(new UpdateItemCommand(input));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async delete(key: Key): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: key }));
  }
}
