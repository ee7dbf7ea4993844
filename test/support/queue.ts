// The waiting room's settings row for tests and benches that write it straight through cloud/db/queue.ts: on now,
// draining, one place per session, no proof of work.
import type { QueueSettingsRow } from '../../cloud/db/queue.ts';

export const openQueueRow = (eventId: string, opensAt: Date): QueueSettingsRow => ({
  event_id: eventId,
  enabled: true,
  opens_at: opensAt,
  admission_per_minute: null,
  one_place_per: 'session',
  challenge_bits: 0,
  token_minutes: 10,
});
