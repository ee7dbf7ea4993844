// Seat management in the back office: staff who may manage the event's venue (events:manage) take seats off sale
// (block, kill, house seats, production holds: a kind and a note) and give them back, hold standing places back and
// give them back, and list what is off sale. A held or sold seat is refused (409 seats_unavailable, its ids named);
// a block is all or nothing. Each change is in the audit log, written in its transaction, and the live seat view is
// told once it commits.
import { randomUUID } from 'node:crypto';
import {
  blockSeats,
  holdBackGaPlaces,
  listGaHoldbacks,
  listSeatBlocks,
  releaseGaHoldback,
  releaseSeatBlocks,
} from '../../db/inventory/blocks.ts';
import { DomainError } from '../../domain/errors.ts';
import type {
  BlockSeats,
  HoldBackPlaces,
  ReleaseSeats,
  SeatBlockChange,
  SeatBlocks,
  SeatManagementView,
} from '../../contract/index.ts';
import { eventFor } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import { seatNosOf, type EventContext } from '../catalog/event-context.ts';
import type { HoldDeps } from '../inventory/hold-deps.ts';
import { publishChanges } from '../inventory/live-changes.ts';
import type { Principal } from '../ports.ts';

const KIND_WORDS = {
  block: 'Blocked',
  kill: 'Killed',
  house: 'Held back as house seats',
  production: 'Held back for the production',
};

/** A short list of seat ids for a summary line: the first few and how many more. */
function seatList(seatIds: string[]): string {
  const shown = seatIds.slice(0, 6).join(', ');
  return seatIds.length > 6 ? `${shown} and ${seatIds.length - 6} more` : shown;
}

export class SeatManagement {
  constructor(
    private readonly deps: HoldDeps,
    private readonly catalog: Pick<CatalogService, 'detail' | 'availabilityOf'>,
  ) {}

  /** The event (drafts too), its seats' statuses and what is off sale: the seat management screen's data. */
  async view(eventId: string, principal: Principal | undefined): Promise<SeatManagementView> {
    const row = await eventFor(this.deps.db, principal, 'events:manage', eventId);
    const [event, availability, blocks] = await Promise.all([
      this.catalog.detail(eventId, row),
      this.catalog.availabilityOf(eventId, row),
      this.list(eventId, principal),
    ]);
    return { event, availability, blocks };
  }

  private async eventFor(eventId: string, principal: Principal | undefined): Promise<[EventContext, Principal]> {
    await eventFor(this.deps.db, principal, 'events:manage', eventId);
    return [await this.deps.contexts.require(eventId), principal!];
  }

  async list(eventId: string, principal: Principal | undefined): Promise<SeatBlocks> {
    const [context] = await this.eventFor(eventId, principal);
    const { db } = this.deps;
    const [seats, standing] = await Promise.all([listSeatBlocks(db, eventId), listGaHoldbacks(db, eventId)]);
    const mapSeats = context.seatMap.content.seats;
    return {
      eventId,
      seats: seats.map((row) => {
        const seat = mapSeats[row.seat_no]!;
        return {
          seatId: row.seat_id,
          sectionId: seat.sectionId,
          row: seat.row,
          number: seat.number,
          kind: row.block_kind,
          note: row.block_note,
          blockedAt: row.blocked_at.toISOString(),
          blockedBy: row.blocked_by,
        };
      }),
      standing: standing.map((row) => ({
        id: row.id,
        sectionId: row.section_id,
        quantity: row.quantity,
        kind: row.kind,
        note: row.note,
        createdAt: row.created_at.toISOString(),
        createdBy: row.created_by,
      })),
    };
  }

  /** Takes these seats off sale with a kind and a note (or changes why they are off sale), all or none. */
  async block(eventId: string, request: BlockSeats, principal: Principal | undefined): Promise<SeatBlockChange> {
    const [context, staff] = await this.eventFor(eventId, principal);
    const seatNos = seatNosOf(context, request.seatIds, 'seatIds').sort((a, b) => a - b);
    const { db, clock } = this.deps;
    const now = clock.now();
    const changed = await db.transaction(async (tx) => {
      const outcome = await blockSeats(tx, eventId, seatNos, {
        kind: request.kind,
        note: request.note,
        by: staff.email ?? staff.sub,
        now,
      });
      if ('refusedSeatIds' in outcome) {
        throw new DomainError(
          'seats_unavailable',
          `Held or sold seats cannot be blocked: ${seatList(outcome.refusedSeatIds)}.`,
          { seatIds: outcome.refusedSeatIds, field: 'seatIds' },
        );
      }
      const seatIds = outcome.blocked.map((seat) => seat.seat_id);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'seat.block',
          objectType: 'event',
          objectId: eventId,
          venueId: context.event.venue_id,
          summary: `${KIND_WORDS[request.kind]} ${seatIds.length} seat${seatIds.length === 1 ? '' : 's'} of ${context.event.name}: ${seatList(seatIds)}${request.note ? ` (${request.note})` : ''}`,
          after: { seatIds, kind: request.kind, note: request.note },
        },
        now,
      );
      return outcome.blocked;
    });
    await publishChanges(this.deps.live, eventId, changed, []);
    return { seatIds: changed.map((seat) => seat.seat_id) };
  }

  /** Gives blocked seats back to sale; seats named that were not blocked are answered as unchanged. */
  async release(eventId: string, request: ReleaseSeats, principal: Principal | undefined): Promise<SeatBlockChange> {
    const [context, staff] = await this.eventFor(eventId, principal);
    const seatNos = seatNosOf(context, request.seatIds, 'seatIds').sort((a, b) => a - b);
    const { db, clock } = this.deps;
    const now = clock.now();
    const changed = await db.transaction(async (tx) => {
      const released = await releaseSeatBlocks(tx, eventId, seatNos);
      if (released.length === 0) return released;
      const seatIds = released.map((seat) => seat.seat_id);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'seat.release',
          objectType: 'event',
          objectId: eventId,
          venueId: context.event.venue_id,
          summary: `Released ${seatIds.length} seat${seatIds.length === 1 ? '' : 's'} of ${context.event.name} to sale: ${seatList(seatIds)}`,
          before: { seatIds },
        },
        now,
      );
      return released;
    });
    await publishChanges(this.deps.live, eventId, changed, []);
    const released = new Set(changed.map((seat) => seat.seat_id));
    return {
      seatIds: [...released],
      unchangedSeatIds: request.seatIds.filter((seatId) => !released.has(seatId)),
    };
  }

  /** Holds back standing places of a section, if that many are free now. */
  async holdBack(eventId: string, request: HoldBackPlaces, principal: Principal | undefined): Promise<SeatBlockChange> {
    const [context, staff] = await this.eventFor(eventId, principal);
    if (!context.ga.some((section) => section.section_id === request.sectionId)) {
      throw new DomainError('validation_failed', `No standing section ${request.sectionId} in this event.`, {
        field: 'sectionId',
        errors: [{ field: 'sectionId', message: 'not a standing section of this event' }],
      });
    }
    const { db, clock } = this.deps;
    const now = clock.now();
    const id = randomUUID();
    const remaining = await db.transaction(async (tx) => {
      const moved = await holdBackGaPlaces(tx, {
        id,
        event_id: eventId,
        section_id: request.sectionId,
        quantity: request.quantity,
        kind: request.kind,
        note: request.note,
        by: staff.email ?? staff.sub,
        now,
      });
      if (!moved) {
        throw new DomainError(
          'ga_unavailable',
          `Fewer than ${request.quantity} places of ${request.sectionId} are free.`,
          {
            field: 'quantity',
          },
        );
      }
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'seat.hold_back',
          objectType: 'event',
          objectId: eventId,
          venueId: context.event.venue_id,
          summary: `${KIND_WORDS[request.kind]} ${request.quantity} standing place${request.quantity === 1 ? '' : 's'} of ${request.sectionId} at ${context.event.name}${request.note ? ` (${request.note})` : ''}`,
          after: { holdbackId: id, sectionId: request.sectionId, quantity: request.quantity, kind: request.kind },
        },
        now,
      );
      return moved.remaining;
    });
    await publishChanges(this.deps.live, eventId, [], [{ section_id: request.sectionId, remaining }]);
    return { seatIds: [], standing: { sectionId: request.sectionId, remaining }, holdbackId: id };
  }

  /** Gives a standing hold-back's places back to sale. */
  async releaseHoldBack(
    eventId: string,
    holdbackId: string,
    principal: Principal | undefined,
  ): Promise<SeatBlockChange> {
    const [context, staff] = await this.eventFor(eventId, principal);
    const { db, clock } = this.deps;
    const now = clock.now();
    const released = await db.transaction(async (tx) => {
      const outcome = await releaseGaHoldback(tx, eventId, holdbackId);
      if (!outcome) throw new DomainError('not_found', 'No such hold-back of this event.');
      const { holdback } = outcome;
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'seat.release_held_back',
          objectType: 'event',
          objectId: eventId,
          venueId: context.event.venue_id,
          summary: `Released ${holdback.quantity} held-back standing place${holdback.quantity === 1 ? '' : 's'} of ${holdback.section_id} at ${context.event.name} to sale`,
          before: { holdbackId, sectionId: holdback.section_id, quantity: holdback.quantity, kind: holdback.kind },
        },
        now,
      );
      return outcome;
    });
    const standing = { sectionId: released.holdback.section_id, remaining: released.remaining };
    await publishChanges(
      this.deps.live,
      eventId,
      [],
      [{ section_id: standing.sectionId, remaining: standing.remaining }],
    );
    return { seatIds: [], standing, holdbackId };
  }
}
