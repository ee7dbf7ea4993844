// The live seat view in AWS. API Gateway's WebSocket API holds the connections; subscriptions are rows in Postgres.
// A committed change reaches watchers in two hops, so a hold request never waits for thousands of pushes:
//   the API Lambda's LiveBus (SqsLiveBus) puts the change on the live queue (one SendMessage), and
//   the fan-out Lambda (ApiGatewayPusher) posts it to every watching connection through the management API,
//   forgetting connections that are gone (410).
import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LiveChanges } from '../../contract/index.ts';
import type { Db } from '../../db/port.ts';
import {
  addSubscriptionWithin,
  forgetConnections,
  listSubscriptions,
  removeSubscription,
  watchersOf,
} from '../../db/live.ts';
import type { Clock, LiveBus } from '../../services/ports.ts';
import type { ConnectionSubscriptions } from './protocol.ts';

const PUSH_CONCURRENCY = 32;

export class SqsLiveBus implements LiveBus {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    /** The change is committed whatever happens here: a lost push is logged, never the request's failure. */
    private readonly onError: (error: unknown) => void,
  ) {}

  async publish(message: LiveChanges): Promise<void> {
    try {
      await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
    } catch (error) {
      // Watchers catch up: clients reload the availability snapshot when they reconnect or see a gap in versions.
      this.onError(error);
    }
  }
}

const isGone = (error: unknown) =>
  error instanceof GoneException ||
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode === 410;

/** The fan-out's side: posts a change to every connection watching its event. */
export class ApiGatewayPusher {
  constructor(
    private readonly db: Db,
    private readonly client: ApiGatewayManagementApiClient,
  ) {}

  /** Posts the change to every watcher; answers how many got it and how many were gone (and are forgotten). */
  async push(message: LiveChanges): Promise<{ sent: number; gone: number }> {
    const connections = await watchersOf(this.db, message.eventId);
    const data = new TextEncoder().encode(JSON.stringify(message));
    const gone: string[] = [];
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (next < connections.length) {
        const connectionId = connections[next++]!;
        try {
          await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
          sent++;
        } catch (error) {
          if (isGone(error)) gone.push(connectionId);
          else throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PUSH_CONCURRENCY, connections.length) }, worker));
    await forgetConnections(this.db, gone);
    return { sent, gone: gone.length };
  }
}

/** One connection's subscriptions as rows, for the protocol. */
export function connectionSubscriptions(db: Db, connectionId: string, clock: Clock): ConnectionSubscriptions {
  return {
    list: () => listSubscriptions(db, connectionId),
    add: (eventId, max) => addSubscriptionWithin(db, connectionId, eventId, clock.now(), max),
    remove: (eventId) => removeSubscription(db, connectionId, eventId),
  };
}
