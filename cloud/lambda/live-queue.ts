// How a function that changes seats (the API, the tick) tells the live view: each committed change goes to the live
// queue (LIVE_QUEUE_URL, one SendMessage), and the fan-out function pushes it to the watchers. A change that cannot
// be queued is logged and the change stands: watchers catch up from the availability snapshot.
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsLiveBus } from '../adapters/live/api-gateway.ts';
import type { LiveBus } from '../services/ports.ts';
import { logger } from './logger.ts';
import { traced } from './observability.ts';
import type { LambdaEnv } from './runtime.ts';

/** The live bus onto the live queue, or none when LIVE_QUEUE_URL is not set (the change then reaches no watcher). */
export function liveQueueBus(
  env: LambdaEnv,
  client = traced(new SQSClient({ region: env.AWS_REGION })),
): LiveBus | undefined {
  if (!env.LIVE_QUEUE_URL) {
    logger.warn('LIVE_QUEUE_URL is not set: seat changes of this function reach no watcher');
    return undefined;
  }
  return new SqsLiveBus(client, env.LIVE_QUEUE_URL, (error) =>
    logger.warn('seat change not queued for live view', { error }),
  );
}
