// Runs outbox jobs off the jobs queue (ticket emails, posted tickets, refunds, staff directory, password resets), and
// the same code (`runJobs`) off the exports queue in the exports function (exports.ts). A job's own failure is recorded
// in the outbox with its retry time (the tick relays it again when due; after too many it is parked as dead for an
// admin); only a crash of the runner itself (database down) returns the message, and after three such returns SQS moves
// it to the dead-letter queue, which has an alarm.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { JobMessage } from '../adapters/jobs/sqs-outbox.ts';
import { logger } from './logger.ts';
import { observed } from './observability.ts';
import { buildRuntime, once } from './runtime.ts';

const runtime = once(() => buildRuntime(process.env));

export async function runJobs(event: SQSEvent): Promise<SQSBatchResponse> {
  const { services } = await runtime();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    let message: JobMessage;
    try {
      message = JobMessage.parse(JSON.parse(record.body));
    } catch {
      logger.error('not a job message; dropped', { messageId: record.messageId });
      continue;
    }
    try {
      const outcome = await services.outbox.runJob(message.jobId);
      logger.info('job', { jobId: message.jobId, topic: message.topic, outcome });
    } catch (error) {
      logger.error('job runner failed; the queue will retry', { jobId: message.jobId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

export const handler = observed('jobs', runJobs);
