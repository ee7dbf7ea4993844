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

/** The shipment asked of the mailing service for an order (once: a second submission keeps the first). */
export async function recordShipment(db: Queryable, orderId: string, providerId: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO shipments (order_id, provider_shipment_id, state, updated_at) VALUES ($1, $2, 'submitted', $3)
     ON CONFLICT (order_id) DO NOTHING`,
    [orderId, providerId, now.toISOString()],
  );
}

/** What the mailing service reported; an older report than the one kept is ignored. False: no such shipment. */
export async function updateShipment(
  db: Queryable,
  report: { orderId: string; shipmentId: string; state: string; carrier?: string; trackingNumber?: string; at: Date },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE shipments SET state = $3, carrier = COALESCE($4, carrier), tracking_number = COALESCE($5, tracking_number),
       updated_at = $6
     WHERE order_id = $1 AND provider_shipment_id = $2 AND updated_at <= $6 RETURNING order_id`,
    [
      report.orderId,
      report.shipmentId,
      report.state,
      report.carrier ?? null,
      report.trackingNumber ?? null,
      report.at.toISOString(),
    ],
  );
  if (result.rows.length > 0) return true;
  const exists = await db.query('SELECT 1 FROM shipments WHERE order_id = $1 AND provider_shipment_id = $2', [
    report.orderId,
    report.shipmentId,
  ]);
  return exists.rows.length > 0;
}
