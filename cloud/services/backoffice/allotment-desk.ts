// Allotments from the back office: staff with events:manage at the event's venue give seats to one of the venue's box
// office devices as its allotment (a long hold the device owns, so it can sell them offline), list the event's
// allotments with their devices, and take one back (its unsold seats back on sale). A box office device lists the
// allotments given to it, to keep them for offline sales. Each change is in the audit log, in its transaction.
import { listVenueBoxOffices } from '../../db/box-offices.ts';
import { findDevice } from '../../db/identity.ts';
import { endHold, listActiveAllotments, lockActiveAllotment } from '../../db/inventory/holds.ts';
import { findSalesWindow } from '../../db/sales-windows.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AssignAllotment, BoxOfficeAllotment, EventAllotments, Hold } from '../../contract/index.ts';
import { eventFor } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Allotments } from '../inventory/allotments.ts';
import type { HoldDeps } from '../inventory/hold-deps.ts';
import { presentHold } from '../inventory/hold-view.ts';
import { publishChanges } from '../inventory/live-changes.ts';
import type { Principal } from '../ports.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AllotmentDesk {
  constructor(
    private readonly deps: HoldDeps,
    private readonly allotments: Pick<Allotments, 'reserve'>,
  ) {}

  private async eventFor(eventId: string, principal: Principal | undefined) {
    await eventFor(this.deps.db, principal, 'events:manage', eventId);
    return { context: await this.deps.contexts.require(eventId), staff: principal! };
  }

  async assign(eventId: string, request: AssignAllotment, principal: Principal | undefined): Promise<Hold> {
    const { context, staff } = await this.eventFor(eventId, principal);
    const device = await findDevice(this.deps.db, request.deviceId);
    if (!device || device.kind !== 'boxoffice' || device.venue_id !== context.event.venue_id || device.revoked_at) {
      throw new DomainError('validation_failed', 'Not a box office of this venue.', {
        field: 'deviceId',
        errors: [{ field: 'deviceId', message: 'not a box office of this venue' }],
      });
    }
    const { token: _token, ...hold } = await this.allotments.reserve(
      context,
      request.seatIds,
      device.id,
      (tx, holdId) =>
        recordStaffAction(
          tx,
          staff,
          {
            action: 'seat.allot',
            objectType: 'event',
            objectId: eventId,
            venueId: context.event.venue_id,
            summary: `Allotted ${request.seatIds.length} seat${request.seatIds.length === 1 ? '' : 's'} of ${context.event.name} to box office ${device.name}`,
            after: { allotmentId: holdId, deviceId: device.id, seatIds: request.seatIds },
          },
          this.deps.clock.now(),
        ),
    );
    return hold;
  }

  async list(eventId: string, principal: Principal | undefined): Promise<EventAllotments> {
    const { context } = await this.eventFor(eventId, principal);
    const now = this.deps.clock.now();
    const [rows, boxOffices] = await Promise.all([
      listActiveAllotments(this.deps.db, { eventId }, now),
      listVenueBoxOffices(this.deps.db, context.event.venue_id),
    ]);
    // A clerk's allotment is owned by the clerk's subject, a device's by the device's id.
    const devices = await Promise.all(
      rows.map((row) => (row.owner_sub && UUID.test(row.owner_sub) ? findDevice(this.deps.db, row.owner_sub) : null)),
    );
    return {
      allotments: rows.map((row, i) => ({
        ...presentHold(context, row, now),
        deviceId: devices[i]?.id ?? null,
        deviceName: devices[i]?.name ?? null,
      })),
      boxOffices,
    };
  }

  /** Takes an allotment back: the seats it still holds go back on sale. */
  async release(eventId: string, allotmentId: string, principal: Principal | undefined): Promise<void> {
    const { context, staff } = await this.eventFor(eventId, principal);
    const now = this.deps.clock.now();
    const freed = await this.deps.db.transaction(async (tx) => {
      // Checked under the allotment's row lock: a release or a sale from it that got there first has finished.
      const hold = await lockActiveAllotment(tx, allotmentId, eventId);
      if (!hold) throw new DomainError('not_found', 'No such allotment of this event.');
      const ended = await endHold(tx, hold, now);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'seat.release_allotment',
          objectType: 'event',
          objectId: eventId,
          venueId: context.event.venue_id,
          summary: `Took back an allotment of ${ended.seats.length} seat${ended.seats.length === 1 ? '' : 's'} of ${context.event.name}`,
          before: { allotmentId, seatIds: ended.seats.map((seat) => seat.seat_id) },
        },
        now,
      );
      return ended;
    });
    await publishChanges(this.deps.live, eventId, freed.seats, []);
  }

  /** A box office device's own allotments (to keep for offline sales), each with when it may sell from it. */
  async mine(principal: Principal | undefined, eventId?: string): Promise<BoxOfficeAllotment[]> {
    if (!principal) throw new DomainError('unauthorized', 'Sign in first.');
    if (!principal.groups.includes('boxoffice')) throw new DomainError('forbidden', 'For box office devices.');
    const now = this.deps.clock.now();
    const rows = await listActiveAllotments(
      this.deps.db,
      { ownerSub: principal.sub, ...(eventId ? { eventId } : {}) },
      now,
    );
    const views: BoxOfficeAllotment[] = [];
    for (const row of rows) {
      const context = await this.deps.contexts.require(row.event_id);
      const window = await findSalesWindow(this.deps.db, row.event_id, 'boxoffice');
      const { on_sale_from, on_sale_until } = context.event;
      views.push({
        ...presentHold(context, row, now),
        sellingWindow: {
          opensAt: (window?.opens_at ?? on_sale_from).toISOString(),
          closesAt: (window?.closes_at ?? on_sale_until).toISOString(),
        },
      });
    }
    return views;
  }
}
