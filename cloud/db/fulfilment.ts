// SQL for fulfilment: which emails went out (so a job delivered twice sends once).
import type { Queryable } from './port.ts';

export async function emailWasSent(db: Queryable, messageId: string): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM sent_emails WHERE message_id = $1', [messageId]);
  return result.rows.length > 0;
}

export async function recordSentEmail(
  db: Queryable,
  email: { messageId: string; jobId: string; orderId: string; kind: string; recipient: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO sent_emails (message_id, job_id, order_id, kind, recipient, sent_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (message_id) DO NOTHING`,
    [email.messageId, email.jobId, email.orderId, email.kind, email.recipient, email.at.toISOString()],
  );
}
