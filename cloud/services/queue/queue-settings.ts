// The organizer's waiting room of an event (back office, events:manage at the event's venue): read with the queue as
// it stands, and set with its audit entry in the same transaction. An opening in the past is allowed (a queue opened
// now); turning the queue off lets everyone straight through (holds stop asking for admission).
import type { QueueAdminView, QueueSettings } from '../../contract/queue.ts';
import type { Db } from '../../db/port.ts';
import { findQueue, saveQueueSettings, type QueueRow } from '../../db/queue.ts';
import { eventFor } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';
import type { QueueStates } from './queue-state.ts';

export class QueueSettingsAdmin {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly states: QueueStates,
  ) {}

  async get(eventId: string, principal: Principal | undefined): Promise<QueueAdminView> {
    const event = await eventFor(this.db, principal, 'events:manage', eventId);
    const view = await this.states.get(event.id, { fresh: true });
    const row = view?.row ?? (await findQueue(this.db, event.id));
    return { eventId: event.id, settings: row ? settingsOf(row) : null, state: view?.state ?? null };
  }

  async set(eventId: string, settings: QueueSettings, principal: Principal | undefined): Promise<QueueAdminView> {
    const event = await eventFor(this.db, principal, 'events:manage', eventId);
    await this.db.transaction(async (tx) => {
      const before = await findQueue(tx, event.id);
      const now = this.clock.now();
      await saveQueueSettings(
        tx,
        {
          event_id: event.id,
          enabled: settings.enabled,
          opens_at: new Date(settings.opensAt),
          admission_per_minute: settings.admissionPerMinute,
          one_place_per: settings.onePlacePer,
          challenge_bits: settings.challengeBits,
          token_minutes: settings.tokenMinutes,
        },
        principal!.sub,
        now,
      );
      await recordStaffAction(
        tx,
        principal!,
        {
          action: 'event.queue_settings',
          objectType: 'event',
          objectId: event.id,
          venueId: event.venue_id,
          summary: `Set the waiting room of ${event.name}`,
          before: before ? { ...settingsOf(before) } : {},
          after: { ...settings },
        },
        now,
      );
    });
    this.states.forget(event.id);
    return this.get(event.id, principal);
  }
}

function settingsOf(row: QueueRow): QueueSettings {
  return {
    enabled: row.enabled,
    opensAt: row.opens_at.toISOString(),
    admissionPerMinute: row.admission_per_minute,
    onePlacePer: row.one_place_per,
    challengeBits: row.challenge_bits,
    tokenMinutes: row.token_minutes,
  };
}
