// A local DynamoDB for the live registry's tests: dynalite (DynamoDB's JSON wire protocol over HTTP, in memory) on a
// free port, with the registry's table made from the same key schema the estate gives the real one
// (cloud/contract/live-registry-table.ts). dynalite has no TTL sweeper (and AWS's deletes late anyway): the tests
// check the attribute is set and that readers skip what has expired.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import dynalite from 'dynalite';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LIVE_REGISTRY_KEYS } from '../../cloud/contract/live-registry-table.ts';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  /** A new, empty registry table; its name. */
  createRegistryTable(): Promise<string>;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { partitionKey, sortKey } = LIVE_REGISTRY_KEYS;
  return {
    endpoint,
    client,
    async createRegistryTable() {
      const name = `live-registry-${randomUUID()}`;
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
            { AttributeName: sortKey.name, AttributeType: sortKey.type },
          ],
          KeySchema: [
            { AttributeName: partitionKey.name, KeyType: 'HASH' },
            { AttributeName: sortKey.name, KeyType: 'RANGE' },
          ],
        }),
      );
      return name;
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
