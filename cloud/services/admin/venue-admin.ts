// The back office's venues and seat maps: list (only the venues the staff member is given), read, create (the
// organization's owners), edit, list a venue's seat-map versions, read one for the designer, store a new version.
// Every change is checked by role and venue (staff-access.ts) and written to the audit log in its transaction.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/port.ts';
import { findSeatMapRow, loadSeatMapContent } from '../../db/seat-maps.ts';
import { listSeatMapVersions } from '../../db/seat-map-versions.ts';
import { findVenue, insertVenue, listVenuesByName, lockVenue, updateVenue, type VenueRow } from '../../db/venues.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listPassTicketsOfVenue } from '../../db/wallet-passes.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertBrandColorReadable } from '../../domain/brand/brand-color.ts';
import type {
  CreateVenue,
  SeatMap,
  SeatMapImport,
  SeatMapSummary,
  SeatMapVersionList,
  UpdateVenue,
  Venue,
  VenueList,
} from '../../contract/index.ts';
import { authorizeStaff, staffVenueScope } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { passUpdateJobs } from '../jobs/outbox-topics.ts';
import type { Clock, Principal } from '../ports.ts';
import { assertValidSeatMap, storeSeatMap } from './event-making.ts';
import { venueView } from '../catalog/venue-view.ts';

const noSuchVenue = () => new DomainError('not_found', 'No such venue.');

export class VenueAdmin {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal | undefined): Promise<VenueList> {
    const scope = staffVenueScope(principal, 'venue:manage');
    return { venues: (await listVenuesByName(this.db, scope)).map(venueView) };
  }

  async get(principal: Principal | undefined, venueId: string): Promise<Venue> {
    authorizeStaff(principal, 'venue:manage', venueId);
    const venue = await findVenue(this.db, venueId);
    if (!venue) throw noSuchVenue();
    return venueView(venue);
  }

  /** A new venue belongs to no one yet, so only the organization's owners make one. */
  async create(principal: Principal | undefined, input: CreateVenue): Promise<Venue> {
    const staff = authorizeStaff(principal, 'org:manage');
    assertBrandColorReadable(input.brandColor);
    const venue: VenueRow = {
      id: randomUUID(),
      name: input.name,
      city: input.city,
      timezone: input.timezone,
      brand_color: input.brandColor ?? null,
      address: input.address ?? null,
      logo_hash: null,
    };
    await this.db.transaction(async (tx) => {
      await insertVenue(tx, venue);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'venue.create',
          objectType: 'venue',
          objectId: venue.id,
          venueId: venue.id,
          summary: `Created venue ${venue.name} (${venue.city})`,
          after: { ...input },
        },
        this.clock.now(),
      );
    });
    return venueView(venue);
  }

  async update(principal: Principal | undefined, venueId: string, patch: UpdateVenue): Promise<Venue> {
    const staff = authorizeStaff(principal, 'venue:manage', venueId);
    assertBrandColorReadable(patch.brandColor);
    return this.db.transaction(async (tx) => {
      const before = await lockVenue(tx, venueId);
      if (!before) throw noSuchVenue();
      const after: VenueRow = {
        ...before,
        name: patch.name ?? before.name,
        city: patch.city ?? before.city,
        timezone: patch.timezone ?? before.timezone,
        brand_color: patch.brandColor === undefined ? before.brand_color : patch.brandColor,
        address: patch.address === undefined ? before.address : patch.address,
      };
      await updateVenue(tx, after);
      // passes: a pass shows the venue's name, city, zone and colour; a change of them reaches the passes handed out.
      if (
        after.name !== before.name ||
        after.city !== before.city ||
        after.timezone !== before.timezone ||
        after.brand_color !== before.brand_color
      ) {
        const ticketIds = await listPassTicketsOfVenue(tx, venueId, this.clock.now());
        await insertOutboxJobs(tx, passUpdateJobs(ticketIds), this.clock.now());
      }
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'venue.update',
          objectType: 'venue',
          objectId: venueId,
          venueId,
          summary: `Edited venue ${after.name}`,
          before: venueView(before),
          after: venueView(after),
        },
        this.clock.now(),
      );
      return venueView(after);
    });
  }

  async seatMaps(principal: Principal | undefined, venueId: string): Promise<SeatMapVersionList> {
    await this.get(principal, venueId);
    const rows = await listSeatMapVersions(this.db, venueId);
    return {
      seatMaps: rows.map((row) => ({
        id: row.id,
        venueId: row.venue_id,
        name: row.name,
        version: row.version,
        seatCount: row.seat_count,
        gaCapacity: row.ga_capacity,
        createdAt: row.created_at.toISOString(),
        events: row.events,
      })),
    };
  }

  /** One stored version, whole, for the designer (a seat map of another venue does not exist for this staff). */
  async seatMap(principal: Principal | undefined, seatmapId: string): Promise<SeatMap> {
    authorizeStaff(principal, 'venue:manage');
    const row = await findSeatMapRow(this.db, seatmapId);
    if (!row) throw new DomainError('not_found', 'No such seat map.');
    authorizeStaff(principal, 'venue:manage', row.venue_id);
    const content = await loadSeatMapContent(this.db, seatmapId);
    return {
      id: row.id,
      venueId: row.venue_id,
      name: row.name,
      version: row.version,
      width: row.width,
      height: row.height,
      stage: row.stage,
      createdAt: row.created_at.toISOString(),
      ...content,
    };
  }

  /** Stores the map as a new immutable version: events made on older versions keep theirs. */
  async importSeatMap(principal: Principal | undefined, venueId: string, map: SeatMapImport): Promise<SeatMapSummary> {
    const staff = authorizeStaff(principal, 'venue:manage', venueId);
    if (!(await findVenue(this.db, venueId))) throw noSuchVenue();
    assertValidSeatMap(map);
    return this.db.transaction(async (tx) => {
      const stored = await storeSeatMap(tx, venueId, map);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'seatmap.store',
          objectType: 'seatmap',
          objectId: stored.id,
          venueId,
          summary: `Stored seat map ${stored.name} version ${stored.version} (${stored.seatCount} seats)`,
          after: {
            name: stored.name,
            version: stored.version,
            seatCount: stored.seatCount,
            gaCapacity: stored.gaCapacity,
          },
        },
        this.clock.now(),
      );
      return stored;
    });
  }
}
