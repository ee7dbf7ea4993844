// The trusted way to make venues, seat maps and events, with no principal: the demo seed, tests and benchmarks. The
// back office goes through venue-admin.ts and event-admin.ts, which check the staff member and write the audit log
// around the same steps (event-making.ts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/port.ts';
import { findEventRow } from '../../db/events.ts';
import { findVenue, insertVenue } from '../../db/venues.ts';
import { DomainError } from '../../domain/errors.ts';
import type {
  CreateEvent,
  CreateVenue,
  EventStatus,
  SeatMapImport,
  SeatMapSummary,
  Venue,
} from '../../contract/index.ts';
import { venueView } from '../catalog/venue-view.ts';
import { assertValidSeatMap, insertDraftEvent, moveEventStatus, planTiers, storeSeatMap } from './event-making.ts';
import type { WatchableEvents } from './watchable-events.ts';

export class AdminService {
  constructor(
    private readonly db: Db,
    /** Told of each published event, as the back office's publish tells it (event-admin.ts). */
    private readonly watchables?: WatchableEvents,
  ) {}

  async createVenue(input: CreateVenue): Promise<Venue> {
    const venue = {
      id: randomUUID(),
      ...input,
      brand_color: input.brandColor ?? null,
      address: input.address ?? null,
      logo_hash: null,
    };
    await insertVenue(this.db, venue);
    return venueView(venue);
  }

  async importSeatMap(venueId: string, map: SeatMapImport): Promise<SeatMapSummary> {
    if (!(await findVenue(this.db, venueId))) throw new DomainError('not_found', 'No such venue.');
    assertValidSeatMap(map);
    return this.db.transaction((tx) => storeSeatMap(tx, venueId, map));
  }

  /** Creates a draft event; every seat and every standing section must be priced by exactly one tier. */
  async createEvent(input: CreateEvent): Promise<{ id: string }> {
    const plan = await planTiers(this.db, input.seatmapId, input.tiers);
    const { event } = await this.db.transaction((tx) => insertDraftEvent(tx, input, plan));
    return { id: event.id };
  }

  async setEventStatus(eventId: string, status: EventStatus): Promise<void> {
    const event = await findEventRow(this.db, eventId);
    if (!event) throw new DomainError('not_found', 'No such event.');
    await moveEventStatus(this.db, event, status);
    if (status !== 'draft') await this.watchables?.allow([eventId]);
  }
}
