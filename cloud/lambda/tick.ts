// Started each minute by EventBridge: releases expired holds, cancels abandoned orders, drops old idempotency keys,
// and relays due outbox jobs to the jobs queue — not once but every half second for most of the minute, so a buyer's
// tickets leave within a second of payment (one small function always warm: see COSTS.md).
import type { Context } from 'aws-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { sqsJobSender } from '../adapters/jobs/sqs-outbox.ts';
import { housekeeping } from '../services/housekeeping.ts';
import { logger } from './logger.ts';
import { buildRuntime, once } from './runtime.ts';

const runtime = once(async () => {
  const built = await buildRuntime(process.env);
  return { ...built, sqs: new SQSClient({ region: built.env.AWS_REGION }) };
});
const RELAY_EVERY_MS = Number(process.env.RELAY_EVERY_MS ?? 500);
/** Stop relaying this long before the function's deadline (the next tick takes over). */
const MARGIN_MS = Number(process.env.TICK_MARGIN_MS ?? 5000);

export async function handler(_event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) {
  const { services, env, sqs } = await runtime();
  if (!env.JOBS_QUEUE_URL) throw new Error('Set JOBS_QUEUE_URL');
  const send = sqsJobSender(sqs, env.JOBS_QUEUE_URL);
  const swept = await services.holds.sweepExpired();
  await housekeeping(services);
  let relayed = 0;
  do {
    relayed += await services.outbox.relayDue(send);
    if (context.getRemainingTimeInMillis() <= MARGIN_MS + RELAY_EVERY_MS) break;
    await new Promise((resolve) => setTimeout(resolve, RELAY_EVERY_MS));
  } while (context.getRemainingTimeInMillis() > MARGIN_MS);
  logger.info('tick', { swept, relayed });
  return { swept, relayed };
}
