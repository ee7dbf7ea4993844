// Reads seat changes off the live queue and pushes each to the connections watching its event, through the API
// Gateway management API (WS_MANAGEMENT_ENDPOINT: https://<api-id>.execute-api.<region>.amazonaws.com/<stage>).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayLiveBus } from '../adapters/live/api-gateway.ts';
import { LiveChanges } from '../contract/index.ts';
import { buildRuntime, logger, once } from './runtime.ts';

const runtime = once(async () => {
  const built = await buildRuntime(process.env);
  const endpoint = process.env.WS_MANAGEMENT_ENDPOINT;
  if (!endpoint) throw new Error('Set WS_MANAGEMENT_ENDPOINT');
  const client = new ApiGatewayManagementApiClient({ region: built.env.AWS_REGION, endpoint });
  return { ...built, bus: new ApiGatewayLiveBus(built.db, client) };
});

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const { bus } = await runtime();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = LiveChanges.safeParse(JSON.parse(record.body));
    if (!parsed.success) {
      logger.error('live message is not a seat change; dropped', { messageId: record.messageId });
      continue;
    }
    try {
      const { sent, gone } = await bus.push(parsed.data);
      logger.debug('pushed', { eventId: parsed.data.eventId, sent, gone });
    } catch (error) {
      logger.error('push failed; the queue will retry', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
