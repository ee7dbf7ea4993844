// The role and venues of a staff member, as the invite and edit forms ask for them: a venue manager picks one or more
// venues (checkboxes), a clerk or door steward one (a select), an admin none. Only an admin is offered the admin role.
import { STAFF_ROLES, venuesOf, type StaffRoleName } from '../../../../cloud/domain/staff-roles.ts';
import type { AdminSession } from '../admin-session.ts';
import { FormField } from '../kit/FormField.tsx';
import type { VenueOption } from './venue-options.ts';

export const ROLE_NAMES: Record<StaffRoleName, string> = {
  admin: 'Owner / admin',
  venue_manager: 'Venue manager',
  clerk: 'Clerk (box office)',
  door_steward: 'Door steward',
};

export interface RoleValue {
  role: StaffRoleName;
  venueId: string;
  venueIds: string[];
}

/** The body fields of a role: only the venues the role uses. */
export const roleBody = (value: RoleValue) =>
  value.role === 'admin'
    ? { role: value.role }
    : value.role === 'venue_manager'
      ? { role: value.role, venueIds: value.venueIds }
      : { role: value.role, ...(value.venueId ? { venueId: value.venueId } : {}) };

export function RoleFields({
  session,
  venues,
  value,
  onChange,
  errors,
}: {
  session: AdminSession;
  venues: VenueOption[];
  value: RoleValue;
  onChange: (value: RoleValue) => void;
  errors: Record<string, string>;
}) {
  const roles = STAFF_ROLES.filter((role) => role !== 'admin' || venuesOf(session.principal) === 'all');
  return (
    <>
      <FormField label="Role" name="role" error={errors.role}>
        {(input) => (
          <select
            {...input}
            value={value.role}
            onChange={(event) => onChange({ ...value, role: event.target.value as StaffRoleName })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_NAMES[role]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {(value.role === 'clerk' || value.role === 'door_steward') && (
        <FormField label="Venue" name="venueId" error={errors.venueId}>
          {(input) => (
            <select
              {...input}
              value={value.venueId}
              onChange={(event) => onChange({ ...value, venueId: event.target.value })}
            >
              <option value="">Choose a venue</option>
              {venues.map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {venue.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {value.role === 'venue_manager' && (
        <fieldset className="admin-fieldset" aria-describedby={errors.venueIds ? 'venue-ids-error' : undefined}>
          <legend>Venues</legend>
          {venues.map((venue) => (
            <label key={venue.id} className="admin-check">
              <input
                type="checkbox"
                name="venueIds"
                value={venue.id}
                checked={value.venueIds.includes(venue.id)}
                onChange={(event) =>
                  onChange({
                    ...value,
                    venueIds: event.target.checked
                      ? [...value.venueIds, venue.id]
                      : value.venueIds.filter((id) => id !== venue.id),
                  })
                }
              />
              {venue.name}
            </label>
          ))}
          {errors.venueIds && (
            <p id="venue-ids-error" className="admin-field-error">
              {errors.venueIds}
            </p>
          )}
        </fieldset>
      )}
    </>
  );
}
