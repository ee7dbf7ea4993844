// Where a role's venues are stored: a venue manager's in `venue_ids`, a clerk's or door steward's one in `venue_id`,
// none for an admin (every venue). One place, so an invitation, a role change and the seed store them alike.
import type { StaffRole } from '../../contract/index.ts';

export interface StoredStaffVenues {
  venue_id: string | null;
  venue_ids: string[];
}

export function staffVenuesOf(staff: {
  role: StaffRole;
  venueId?: string | undefined;
  venueIds?: string[] | undefined;
}): StoredStaffVenues {
  switch (staff.role) {
    case 'admin':
      return { venue_id: null, venue_ids: [] };
    case 'venue_manager':
      return { venue_id: null, venue_ids: [...new Set(staff.venueIds ?? [])] };
    case 'clerk':
    case 'door_steward':
      return { venue_id: staff.venueId ?? null, venue_ids: [] };
  }
}

/** Every venue a stored member is bound to. */
export const venuesOfStored = (staff: StoredStaffVenues): string[] => [
  ...new Set([...(staff.venue_id ? [staff.venue_id] : []), ...staff.venue_ids]),
];
