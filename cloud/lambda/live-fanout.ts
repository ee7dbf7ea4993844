// Reads seat changes off the live queue, merges a batch's changes per event, and pushes each event's to the
// connections watching it, through the API
// Gateway management API (WS_MANAGEMENT_ENDPOINT: https://<api-id>.execute-api.<region>.amazonaws.com/<stage>).
// live deltas (issue 20): meanwhile, each large or queued event's merged changes become that second's delta document
// (LIVE_DELTAS_BUCKET); an event whose document could not be written is handed back to the queue with its records.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayPusher } from '../adapters/live/api-gateway.ts';
import { LiveChanges } from '../contract/index.ts';
import { coalesceChanges } from '../services/inventory/coalesce.ts';
import { LiveDeltaWriter } from '../services/live-deltas/delta-writer.ts';
import { systemClock } from '../services/ports.ts';
import { logger } from './logger.ts';
import { observed, traced } from './observability.ts';
import { liveRegistryFromEnv } from './live-registry.ts';
import { buildRuntime, once } from './runtime.ts';

const runtime = once(async () => {
  const built = await buildRuntime(process.env);
  const endpoint = process.env.WS_MANAGEMENT_ENDPOINT;
  if (!endpoint) throw new Error('Set WS_MANAGEMENT_ENDPOINT');
  const client = traced(new ApiGatewayManagementApiClient({ region: built.env.AWS_REGION, endpoint }));
  const registry = liveRegistryFromEnv(process.env, built.db, built.env.AWS_REGION);
  const store = built.liveDeltaStore;
  const deltas = store ? new LiveDeltaWriter({ db: built.db, store, clock: systemClock, nextSecond }) : null;
  return { ...built, bus: new ApiGatewayPusher(registry, client, () => built.services.clock.now()), deltas };
});

/** Resolves at the start of the next second (a document a second: a second that has one waits for the next). */
const nextSecond = () => new Promise<void>((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));

async function fanOut(event: SQSEvent): Promise<SQSBatchResponse> {
  const { bus, deltas } = await runtime();
  // The batch's changes, one message per event (SQS gathers up to 100 records for up to a second).
  const recordsOf = new Map<string, string[]>();
  const messages = [];
  for (const record of event.Records) {
    const parsed = LiveChanges.safeParse(JSON.parse(record.body));
    if (!parsed.success) {
      logger.error('live message is not a seat change; dropped', { messageId: record.messageId });
      continue;
    }
    messages.push(parsed.data);
    recordsOf.set(parsed.data.eventId, [...(recordsOf.get(parsed.data.eventId) ?? []), record.messageId]);
  }
  const failedEvents = new Set<string>();
  const merged = coalesceChanges(messages);
  const documents = deltas?.write(merged);
  for (const message of merged) {
    try {
      const { sent, gone } = await bus.push(message);
      logger.debug('pushed', { eventId: message.eventId, changes: message.changes.length, sent, gone });
    } catch (error) {
      logger.error('push failed; the queue will retry', { eventId: message.eventId, error });
      failedEvents.add(message.eventId);
    }
  }
  for (const { eventId, error } of (await documents)?.failed ?? []) {
    if (error) logger.error('live delta not written; the queue will retry', { eventId, error });
    else logger.warn('live delta deferred past its tries; the queue will retry', { eventId });
    failedEvents.add(eventId);
  }
  const batchItemFailures = [...failedEvents].flatMap((eventId) =>
    (recordsOf.get(eventId) ?? []).map((itemIdentifier) => ({ itemIdentifier })),
  );
  return { batchItemFailures };
}

export const handler = observed('live-fanout', fanOut);
