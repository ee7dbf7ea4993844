// The back office's events: list (drafts too, only the venues the staff member is given), read for the edit form,
// create, edit, replace a draft's tiers (and seat map), and move the status (publish, pause). Every change is checked
// by role and by the event's venue (staff-access.ts) and written to the audit log in its own transaction.
import type { Db, Queryable } from '../../db/port.ts';
import {
  deleteDraftTiers,
  listStaffEvents,
  lockEventRow,
  setEventSeatMap,
  updateEventFields,
  type StaffEventRow,
} from '../../db/admin-events.ts';
import { type EventRow } from '../../db/events.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listPassTicketsOfEvent } from '../../db/wallet-passes.ts';
import { DomainError } from '../../domain/errors.ts';
import type {
  CreateEvent,
  EventStatus,
  SetEventTiers,
  StaffEvent,
  StaffEventList,
  StaffEventQuery,
  UpdateEvent,
} from '../../contract/index.ts';
import { authorizeStaff, eventFor, staffVenueScope } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { passUpdateJobs } from '../jobs/outbox-topics.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { Clock, Principal } from '../ports.ts';
import { insertDraftEvent, moveEventStatus, planTiers, storeTiers } from './event-making.ts';
import type { WatchableEvents } from './watchable-events.ts';
import { auditedEvent, staffEventSummary, staffEventView } from './event-view.ts';

const invalid = (field: string, message: string) =>
  new DomainError('validation_failed', `${field}: ${message}`, { field, errors: [{ field, message }] });
const STATUS_WORDS: Record<EventStatus, string> = {
  draft: 'Drafted',
  on_sale: 'Published',
  paused: 'Paused',
  cancelled: 'Cancelled',
};

export interface EventAdminDeps {
  db: Db;
  clock: Clock;
  contexts: EventContexts;
  /** Told of each published event, so the live view lets it be watched (none: the view reads the events table). */
  watchables?: WatchableEvents;
}

export class EventAdmin {
  constructor(private readonly deps: EventAdminDeps) {}

  async list(principal: Principal | undefined, query: StaffEventQuery): Promise<StaffEventList> {
    const venueIds = staffVenueScope(principal, 'events:manage');
    const { rows, total } = await listStaffEvents(this.deps.db, {
      venueIds,
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
      ...(query.status ? { status: query.status } : {}),
      ...(query.venueId ? { venueId: query.venueId } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      ...(query.q ? { text: query.q } : {}),
    });
    return { events: rows.map(staffEventSummary), total, limit: query.limit, offset: query.offset };
  }

  async get(principal: Principal | undefined, eventId: string): Promise<StaffEvent> {
    const row = await this.staffEvent(principal, eventId);
    return staffEventView(this.deps.db, row);
  }

  /** A draft over a seat map of a venue the staff member is given. */
  async create(principal: Principal | undefined, input: CreateEvent): Promise<{ id: string }> {
    authorizeStaff(principal, 'events:manage');
    const plan = await planTiers(this.deps.db, input.seatmapId, input.tiers);
    // A seat map of another venue does not exist for this staff member: told on the field that named it.
    try {
      authorizeStaff(principal, 'events:manage', plan.seatMap.venue_id);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw invalid('seatmapId', 'no such seat map');
      throw error;
    }
    const staff = principal!;
    const event = await this.deps.db.transaction(async (tx) => {
      const { event: made } = await insertDraftEvent(tx, input, plan);
      await this.record(tx, staff, made, 'event.create', `Created draft ${made.name}`, undefined, {
        ...auditedEvent(made),
        tiers: input.tiers.map((tier) => ({ name: tier.name, price: tier.price })),
      });
      return made;
    });
    return { id: event.id };
  }

  /** Changes the fields sent; a cancelled event is no longer edited. */
  async update(principal: Principal | undefined, eventId: string, patch: UpdateEvent): Promise<StaffEvent> {
    await this.staffEvent(principal, eventId);
    const staff = principal!;
    await this.deps.db.transaction(async (tx) => {
      const before = (await lockEventRow(tx, eventId))!;
      if (before.status === 'cancelled') {
        throw new DomainError('conflict', 'A cancelled event is no longer edited.', { field: 'status' });
      }
      // A published event's buyers hold tickets for its date: moving it is a postponement (buyers told, refunds open).
      // Compared to the minute, the edit form's precision, so a form sent back unchanged is no move.
      const minute = (instant: Date) => Math.floor(instant.getTime() / 60_000);
      const moved = patch.startsAt !== undefined && minute(new Date(patch.startsAt)) !== minute(before.starts_at);
      if (moved && before.status !== 'draft') {
        throw new DomainError(
          'conflict',
          'A published event moves to a new date by postponing it, so its buyers are told.',
          { field: 'startsAt' },
        );
      }
      const after: EventRow = {
        ...before,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.startsAt ? { starts_at: new Date(patch.startsAt) } : {}),
        ...(patch.doorsAt !== undefined ? { doors_at: patch.doorsAt === null ? null : new Date(patch.doorsAt) } : {}),
        ...(patch.onSaleFrom ? { on_sale_from: new Date(patch.onSaleFrom) } : {}),
        ...(patch.onSaleUntil ? { on_sale_until: new Date(patch.onSaleUntil) } : {}),
        ...(patch.perOrderLimit !== undefined ? { per_order_limit: patch.perOrderLimit } : {}),
        ...(patch.holdTtlSeconds !== undefined ? { hold_ttl_seconds: patch.holdTtlSeconds } : {}),
        ...(patch.codePolicy ? { code_policy: patch.codePolicy } : {}),
      };
      if (after.on_sale_from >= after.on_sale_until) {
        throw invalid(patch.onSaleUntil ? 'onSaleUntil' : 'onSaleFrom', 'sales must close after they open');
      }
      const datesSent = patch.startsAt ?? patch.onSaleUntil;
      if (datesSent && after.on_sale_until > after.starts_at) {
        throw invalid(
          patch.onSaleUntil ? 'onSaleUntil' : 'startsAt',
          'sales close at the latest when the event starts',
        );
      }
      if (after.doors_at && after.doors_at >= after.starts_at) {
        throw invalid(patch.doorsAt ? 'doorsAt' : 'startsAt', 'the doors open before the event starts');
      }
      await updateEventFields(tx, eventId, after);
      // passes: a pass shows the event's name, date and doors; a change of them reaches the passes handed out.
      const time = (instant: Date | null) => instant?.getTime() ?? null;
      if (
        after.name !== before.name ||
        time(after.starts_at) !== time(before.starts_at) ||
        time(after.doors_at) !== time(before.doors_at)
      ) {
        await insertOutboxJobs(tx, passUpdateJobs(await listPassTicketsOfEvent(tx, eventId)), this.deps.clock.now());
      }
      await this.record(
        tx,
        staff,
        after,
        'event.update',
        `Edited ${after.name}`,
        auditedEvent(before),
        auditedEvent(after),
      );
    });
    this.deps.contexts.forget(eventId);
    return this.get(principal, eventId);
  }

  /**
   * Replaces a draft's tiers (and, with `seatmapId`, its seat map: another version of the venue's maps). Once an
   * event is published its seats and seat map stay; prices still change through its price list.
   */
  async setTiers(principal: Principal | undefined, eventId: string, input: SetEventTiers): Promise<StaffEvent> {
    const row = await this.staffEvent(principal, eventId);
    const staff = principal!;
    const seatmapId = input.seatmapId ?? row.seatmap_id;
    const currency = row.currency.trim();
    input.tiers.forEach((tier, index) => {
      if (tier.price.currency !== currency)
        throw invalid(`tiers.${index}.price.currency`, `the event is sold in ${currency}`);
    });
    const plan = await planTiers(this.deps.db, seatmapId, input.tiers);
    if (plan.seatMap.venue_id !== row.venue_id) throw invalid('seatmapId', 'a seat map of the event’s venue');
    const before = await staffEventView(this.deps.db, row);
    await this.deps.db.transaction(async (tx) => {
      const locked = (await lockEventRow(tx, eventId))!;
      if (locked.status !== 'draft') {
        throw new DomainError(
          'conflict',
          'Only a draft’s tiers and seat map change; change prices in its price list.',
          {
            field: input.seatmapId ? 'seatmapId' : 'tiers',
          },
        );
      }
      await deleteDraftTiers(tx, eventId);
      if (seatmapId !== locked.seatmap_id) await setEventSeatMap(tx, eventId, seatmapId);
      const tiers = await storeTiers(tx, { id: eventId, currency }, input.tiers, plan);
      await this.record(
        tx,
        staff,
        locked,
        'event.tiers',
        `Set ${tiers.length} price tier(s) of ${locked.name}`,
        { seatmapId: locked.seatmap_id, tiers: before.tiers.map(({ name, price }) => ({ name, price })) },
        { seatmapId, tiers: input.tiers.map(({ name, price }) => ({ name, price })) },
      );
    });
    this.deps.contexts.forget(eventId);
    return this.get(principal, eventId);
  }

  /** Publish (on_sale), pause or draft-to-sale moves; cancelling has its own use case (refunds). */
  async setStatus(principal: Principal | undefined, eventId: string, status: EventStatus): Promise<void> {
    const row = await this.staffEvent(principal, eventId);
    const staff = principal!;
    if (status === 'cancelled') throw new Error('cancel through the event cancellation');
    await this.deps.db.transaction(async (tx) => {
      const before = (await lockEventRow(tx, eventId)) ?? row;
      if (!(await moveEventStatus(tx, before, status))) return;
      const after = { ...before, status };
      const action =
        status === 'on_sale' ? (before.status === 'paused' ? 'event.resume' : 'event.publish') : 'event.pause';
      await this.record(
        tx,
        staff,
        after,
        action,
        `${STATUS_WORDS[status]} ${before.name}`,
        auditedEvent(before),
        auditedEvent(after),
      );
    });
    // After the commit, and again when the event already had this status: a publish answered with an error is tried
    // again, and then tells the live view what it could not before. (Asking for a draft's own status moves nothing.)
    if (status !== 'draft') await this.deps.watchables?.allow([eventId]);
  }

  /** The event, if the principal may manage events of its venue (another venue's event does not exist for them). */
  async staffEvent(principal: Principal | undefined, eventId: string): Promise<StaffEventRow> {
    return eventFor(this.deps.db, principal, 'events:manage', eventId);
  }

  private record(
    tx: Queryable,
    staff: Principal,
    event: EventRow,
    action: string,
    summary: string,
    before: Record<string, unknown> | undefined,
    after: Record<string, unknown>,
  ) {
    const entry = { action, objectType: 'event', objectId: event.id, venueId: event.venue_id, summary, before, after };
    return recordStaffAction(tx, staff, entry, this.deps.clock.now());
  }
}
