// Cleanup that runs on a timer (every 2 s on one machine, every 5 s of the tick's run in AWS): orders abandoned at the
// payment page are cancelled, and idempotency keys older than two days are dropped.
import { deleteIdempotencyKeysBefore } from '../db/idempotency.ts';
import type { Services } from './index.ts';

const KEEP_IDEMPOTENCY_KEYS_MS = 48 * 3600 * 1000;

export async function housekeeping(services: Services): Promise<void> {
  const before = new Date(services.clock.now().getTime() - KEEP_IDEMPOTENCY_KEYS_MS);
  await Promise.all([services.orders.abandoned.cancel(), deleteIdempotencyKeysBefore(services.db, before)]);
}
