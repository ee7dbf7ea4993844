// Cleanup that runs on a timer (every 2 s on one machine, every 5 s of the tick's run in AWS): orders abandoned at the
// payment page are cancelled, idempotency keys older than two days are dropped, export files older than a day are
// deleted (and export rows older than 30 days), the waiting room's used solutions once stale, sign-up requests a day
// after they expired (their password hashes with them), and the waitlists are offered what came back. The waitlist pass runs after the cancellations, so seats
// they free are offered in the same run; it reads what is free rather than what happened, so it also offers what
// expired holds (swept or not), refunds and released allotments or holds gave back since the last run.
import { deleteIdempotencyKeysBefore } from '../db/idempotency.ts';
import { deleteStaleSolutions } from '../db/queue-solutions.ts';
import { deleteSignUpRequestsExpiredBefore } from '../db/signup-requests.ts';
import type { Services } from './index.ts';

const KEEP_IDEMPOTENCY_KEYS_MS = 48 * 3600 * 1000;
/** Unconfirmed sign-up requests go a day after they expire (nothing reads one once it has expired). */
export const KEEP_EXPIRED_SIGN_UPS_MS = 24 * 3600 * 1000;

export async function housekeeping(services: Services): Promise<void> {
  const now = services.clock.now().getTime();
  const before = new Date(now - KEEP_IDEMPOTENCY_KEYS_MS);
  await Promise.all([
    services.orders.abandoned.cancel().then(() => services.waitlist.offerFreedPlaces()),
    deleteIdempotencyKeysBefore(services.db, before),
    deleteSignUpRequestsExpiredBefore(services.db, new Date(now - KEEP_EXPIRED_SIGN_UPS_MS)), // the password hashes too
    deleteStaleSolutions(services.db, new Date(now)), // the waiting room's used solutions, once their challenge is stale
    services.exports.sweep(), // admin: exports (rows after 30 days; files after a day, S3's lifecycle rule in AWS)
  ]);
}
