// Started each minute by EventBridge, then busy for most of the minute (one small function always warm: see COSTS.md).
// Each pass, every half second:
// - expired holds are released and their seats sent to the live view, so a freed seat shows within a second or two.
//   When nothing expired, that is one indexed query (holds_active_by_expiry, LIMIT 500, SKIP LOCKED).
// - due outbox jobs are relayed to the jobs queue, so a buyer's tickets leave within a second of payment; export jobs
//   to the exports queue (its own function: an export runs for minutes), under a lease longer than their run.
// Housekeeping runs every 5 seconds instead, not each pass: orders abandoned at the payment page are cancelled (their
// seats freed and sent to the live view too) and old idempotency keys dropped. An order counts as abandoned a quarter
// of an hour after its hold ran out, so seconds more do not matter to a buyer, while its query joins every pending
// order to its hold, and an on-sale has many; once a minute, though, would show its freed seats held for a minute.
// Seat changes go to the live queue as the API's do (LIVE_QUEUE_URL); when the queue is down, the sweep still stands
// and the lost push is logged (watchers catch up from the availability snapshot).
import type { Context } from 'aws-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { sqsJobSender } from '../adapters/jobs/sqs-outbox.ts';
import { housekeeping } from '../services/housekeeping.ts';
import { OUTBOX_TOPICS } from '../services/jobs/outbox-topics.ts';
import { liveQueueBus } from './live-queue.ts';
import { logger } from './logger.ts';
import { observed, traced } from './observability.ts';
import { buildRuntime, once, type LambdaEnv } from './runtime.ts';

const runtime = once(async () => {
  // One SQS client for both queues (the jobs and the live one).
  let sqs: SQSClient | undefined;
  const sqsFor = (env: LambdaEnv) => (sqs ??= traced(new SQSClient({ region: env.AWS_REGION })));
  const built = await buildRuntime(process.env, ({ env }) => liveQueueBus(env, sqsFor(env)));
  return { ...built, sqs: sqsFor(built.env) };
});
const PASS_EVERY_MS = Number(process.env.TICK_PASS_EVERY_MS ?? 500);
const HOUSEKEEPING_EVERY_MS = Number(process.env.TICK_HOUSEKEEPING_EVERY_MS ?? 5000);
/** Stop this long before the function's deadline (the next tick takes over). */
const MARGIN_MS = Number(process.env.TICK_MARGIN_MS ?? 5000);

async function tick(_event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) {
  const { services, env, sqs } = await runtime();
  if (!env.JOBS_QUEUE_URL) throw new Error('Set JOBS_QUEUE_URL');
  if (!env.EXPORTS_QUEUE_URL) throw new Error('Set EXPORTS_QUEUE_URL');
  const send = sqsJobSender(sqs, env.JOBS_QUEUE_URL);
  const sendExports = sqsJobSender(sqs, env.EXPORTS_QUEUE_URL);
  const exportTopics = [OUTBOX_TOPICS.exportFile];
  let swept = 0;
  let relayed = 0;
  let housekeptAt = Number.NEGATIVE_INFINITY;
  do {
    swept += await services.holds.sweepExpired();
    if (performance.now() - housekeptAt >= HOUSEKEEPING_EVERY_MS) {
      housekeptAt = performance.now();
      await housekeeping(services);
    }
    relayed += await services.outbox.relayDue(send, 100, { except: exportTopics });
    relayed += await services.outbox.relayDue(sendExports, 10, { only: exportTopics });
    if (context.getRemainingTimeInMillis() <= MARGIN_MS + PASS_EVERY_MS) break;
    await new Promise((resolve) => setTimeout(resolve, PASS_EVERY_MS));
  } while (context.getRemainingTimeInMillis() > MARGIN_MS);
  logger.info('tick', { swept, relayed });
  return { swept, relayed };
}

export const handler = observed('tick', tick);
