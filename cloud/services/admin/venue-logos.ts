// A venue's logo: uploaded (checked by domain/brand/logo.ts) or removed by staff who manage the venue, audited in the
// change's transaction; read by anyone through its public, versioned address.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/port.ts';
import { lockVenue, readVenueLogo, setVenueLogo, type VenueLogo } from '../../db/venues.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkLogo } from '../../domain/brand/logo.ts';
import type { Venue } from '../../contract/index.ts';
import { authorizeStaff } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';
import { venueView } from '../catalog/venue-view.ts';

export class VenueLogos {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Stores the logo (null removes it) and answers the venue with its new logo address. */
  async set(
    principal: Principal | undefined,
    venueId: string,
    upload: { bytes: Uint8Array; contentType: string } | null,
  ): Promise<Venue> {
    const staff = authorizeStaff(principal, 'venue:manage', venueId);
    const logo: VenueLogo | null = upload && {
      bytes: upload.bytes,
      contentType: checkLogo(upload.bytes, upload.contentType),
      hash: createHash('sha256').update(upload.bytes).digest('hex'),
    };
    return this.db.transaction(async (tx) => {
      const before = await lockVenue(tx, venueId);
      if (!before) throw new DomainError('not_found', 'No such venue.');
      await setVenueLogo(tx, venueId, logo);
      const after = { ...before, logo_hash: logo?.hash ?? null };
      const described = (hash: string | null, type?: string) =>
        hash === null ? null : { hash: hash.slice(0, 16), ...(type ? { contentType: type } : {}) };
      await recordStaffAction(
        tx,
        staff,
        {
          action: logo ? 'venue.logo.set' : 'venue.logo.remove',
          objectType: 'venue',
          objectId: venueId,
          venueId,
          summary: logo
            ? `Set the logo of ${before.name} (${logo.contentType}, ${Math.ceil(logo.bytes.length / 1024)} KB)`
            : `Removed the logo of ${before.name}`,
          before: { logo: described(before.logo_hash) },
          after: { logo: described(after.logo_hash, logo?.contentType) },
        },
        this.clock.now(),
      );
      return venueView(after);
    });
  }

  async read(venueId: string): Promise<VenueLogo> {
    const logo = await readVenueLogo(this.db, venueId);
    if (!logo) throw new DomainError('not_found', 'This venue has no logo.');
    return logo;
  }
}
