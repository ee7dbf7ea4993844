// The organizer's transfer rules of an event (back office, events:manage at the event's venue): read, and set with
// its audit entry in the same transaction.
import type { Db } from '../../db/port.ts';
import { findTransferRules, saveTransferRules } from '../../db/transfers.ts';
import { DEFAULT_TRANSFER_RULES } from '../../domain/transfers/transfer-rules.ts';
import type { TransferRules } from '../../contract/transfers.ts';
import { eventFor } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';

export class TransferSettings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get(eventId: string, principal: Principal | undefined): Promise<TransferRules> {
    const event = await eventFor(this.db, principal, 'events:manage', eventId);
    return (await findTransferRules(this.db, event.id)) ?? DEFAULT_TRANSFER_RULES;
  }

  async set(eventId: string, rules: TransferRules, principal: Principal | undefined): Promise<void> {
    const event = await eventFor(this.db, principal, 'events:manage', eventId);
    await this.db.transaction(async (tx) => {
      const before = (await findTransferRules(tx, event.id)) ?? DEFAULT_TRANSFER_RULES;
      const now = this.clock.now();
      await saveTransferRules(tx, event.id, rules, principal!.sub, now);
      await recordStaffAction(
        tx,
        principal!,
        {
          action: 'event.transfer_rules',
          objectType: 'event',
          objectId: event.id,
          venueId: event.venue_id,
          summary: `Set the transfer rules of ${event.name}`,
          before: { ...before },
          after: { ...rules },
        },
        now,
      );
    });
  }
}
