// Outbox → SQS: relayed jobs go to the jobs queue as `{jobId, topic}` in batches of ten (SQS's limit), the job's own
// lease and attempt count stay in Postgres. The job Lambda reads them back and runs each through the dispatcher.
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { OutboxRow } from '../../db/outbox.ts';

export const JobMessage = z.object({ jobId: z.uuid(), topic: z.string().min(1) });
export type JobMessage = z.infer<typeof JobMessage>;

/** SendMessageBatch to a queue; throws when any entry is refused, so the jobs are claimed again after their lease. */
export async function sendToQueue(client: SQSClient, queueUrl: string, bodies: unknown[]) {
  for (let start = 0; start < bodies.length; start += 10) {
    const batch = bodies.slice(start, start + 10);
    const answer = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((body, index) => ({ Id: `m${index}`, MessageBody: JSON.stringify(body) })),
      }),
    );
    if (answer.Failed?.length) {
      const first = answer.Failed[0]!;
      throw new Error(`SQS refused ${answer.Failed.length} message(s): ${first.Code} ${first.Message ?? ''}`.trim());
    }
  }
}

export function sqsJobSender(client: SQSClient, queueUrl: string): (jobs: OutboxRow[]) => Promise<void> {
  return (jobs) =>
    sendToQueue(
      client,
      queueUrl,
      jobs.map((job) => ({ jobId: job.id, topic: job.topic }) satisfies JobMessage),
    );
}
