// The live seat view in AWS. API Gateway's WebSocket API holds the connections; the LiveRegistry (DynamoDB in AWS)
// which connection watches which event.
// A committed change reaches watchers in two hops, so a hold request never waits for thousands of pushes:
//   the API Lambda's LiveBus (SqsLiveBus) puts the change on the live queue (one SendMessage), and
//   the fan-out Lambda (ApiGatewayPusher) posts it to every watching connection through the management API,
//   forgetting connections that are gone (410).
import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LiveChanges } from '../../contract/index.ts';
import type { LiveBus } from '../../services/ports.ts';
import { forEachAtMost } from './at-most.ts';
import type { LiveRegistry } from './registry.ts';

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
    private readonly registry: LiveRegistry,
    private readonly client: ApiGatewayManagementApiClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Posts the change to every watcher; answers how many got it and how many were gone (and are forgotten). */
  async push(message: LiveChanges): Promise<{ sent: number; gone: number }> {
    const data = new TextEncoder().encode(JSON.stringify(message));
    const gone: string[] = [];
    let sent = 0;
    // A page of watchers at a time: a large event's are never all in memory.
    for await (const connectionIds of this.registry.watchersOf(message.eventId, this.now())) {
      await forEachAtMost(connectionIds, PUSH_CONCURRENCY, async (connectionId) => {
        try {
          await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
          sent++;
        } catch (error) {
          if (isGone(error)) gone.push(connectionId);
          else throw error;
        }
      });
    }
    await this.registry.forget(gone, message.eventId);
    return { sent, gone: gone.length };
  }
}
