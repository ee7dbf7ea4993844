// The live view's registry (which WebSocket connection watches which event) in a DynamoDB table of its own, so that
// subscribing to the live view writes nothing to the selling database (cloud/adapters/live/registry-dynamodb.ts).
// On demand: connects come in waves at an on-sale's start and nothing at night. A TTL attribute on every item lets
// DynamoDB delete the connections that vanished without $disconnect (API Gateway closes any after 2 hours). The same
// table lists the events anyone may watch, so the WebSocket function needs no Postgres at all. Each function gets the
// table's name and exactly the calls it makes.
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  LIVE_REGISTRY_KEYS,
  LIVE_REGISTRY_TABLE_ENV,
  LIVE_REGISTRY_TTL_ATTRIBUTE,
} from '../contract/live-registry-table.ts';
import { acknowledgeGuard } from './nag.ts';

const attributeType = { S: dynamodb.AttributeType.STRING } as const;

export class LiveRegistryTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { partitionKey, sortKey } = LIVE_REGISTRY_KEYS;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: partitionKey.name, type: attributeType[partitionKey.type] },
      sortKey: { name: sortKey.name, type: attributeType[sortKey.type] },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: LIVE_REGISTRY_TTL_ATTRIBUTE,
      // Encrypted with the account's AWS managed key (aws/dynamodb, KMS): nothing in it is personal, and a key of our
      // own would add a KMS request to every connect.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      // Nothing in it outlives a connection: a deleted stack has nothing to keep.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'The registry holds only which open WebSocket connection watches which event, each item gone within about two hours (TTL); a table restored from any earlier point would list connections API Gateway has closed since. Lost, it costs watchers their pushes until their clients reconnect and subscribe again; the seats themselves are in Postgres, which is backed up.',
    });
    acknowledgeGuard(
      this.table,
      'dynamodb_table_pitr_enabled_check',
      'As for cdk-nag’s DDB3 above: items live two hours, so a point-in-time restore would bring back connections API Gateway has closed since; the seats are in Postgres, which is backed up.',
    );
  }

  /** The WebSocket function: reads a connection's events, subscribes (update, put), unsubscribes, forgets. */
  grantSubscriptions(fn: lambda.Function): void {
    this.grantTo(fn, 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem');
  }

  /** The fan-out: reads an event's watchers, and deletes the items of connections it found gone. */
  grantFanout(fn: lambda.Function): void {
    this.grantTo(fn, 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:DeleteItem');
  }

  /**
   * The API (after a publish) and the migration (every event published before): list watchable events, puts only
   * (cloud/adapters/live/watchable-dynamodb.ts). The WebSocket function reads them with the GetItem it has.
   */
  grantWatchableWrites(fn: lambda.Function): void {
    this.grantTo(fn, 'dynamodb:BatchWriteItem');
  }

  private grantTo(fn: lambda.Function, ...actions: string[]): void {
    this.table.grant(fn, ...actions);
    fn.addEnvironment(LIVE_REGISTRY_TABLE_ENV, this.table.tableName);
  }
}
