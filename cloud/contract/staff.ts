// Staff accounts and devices in the back office: invitations, roles and venues, disabling, sign-out everywhere,
// password reset by email, and a venue's machines with their last sync and app version.
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';
import {
  DeviceKind,
  Email,
  EmailLocale,
  Password,
  PersonName,
  StaffRole,
  StaffVenues,
  refineStaffVenues,
} from './identity.ts';

/** Invite someone by email: they get a one-time link to set their password. */
export const InviteStaff = z
  .object({ email: Email, name: PersonName, role: StaffRole, ...StaffVenues.shape })
  .strict()
  .superRefine(refineStaffVenues);
export type InviteStaff = z.infer<typeof InviteStaff>;

/** A new role and venues for a staff member (the whole set, not a change to it). */
export const UpdateStaff = z
  .object({ role: StaffRole, ...StaffVenues.shape })
  .strict()
  .superRefine(refineStaffVenues);
export type UpdateStaff = z.infer<typeof UpdateStaff>;

export const StaffParams = z.object({ staffId: Uuid });
export const StaffListQuery = z.object({ venueId: Uuid.optional() }).strict();

export const StaffStatus = z.enum(['invited', 'active', 'disabled']);
export type StaffStatus = z.infer<typeof StaffStatus>;

export const StaffMember = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  /** A clerk's or door steward's venue. */
  venueId: Uuid.nullable(),
  /** A venue manager's venues (empty for other roles). */
  venueIds: z.array(Uuid),
  /** Invited: has not set a password yet. */
  status: StaffStatus,
  createdAt: Timestamp,
  disabledAt: Timestamp.nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffList = z.object({ staff: z.array(StaffMember) });
export type StaffList = z.infer<typeof StaffList>;

/** The same answer whether or not the email has an account. */
/** A reset request; `locale` is the language of the page it came from, the one its email is written in. */
export const RequestPasswordReset = z.object({ email: Email, locale: EmailLocale.optional() }).strict();
export type RequestPasswordReset = z.infer<typeof RequestPasswordReset>;

/** Sets a password with the one-time token of an invitation or reset email (in AWS: Cognito's code, with the email). */
export const ResetPassword = z
  .object({ token: z.string().trim().min(6).max(200), password: Password, email: Email.optional() })
  .strict();
export type ResetPassword = z.infer<typeof ResetPassword>;

export const DeviceParams = z.object({ deviceId: Uuid });
export const DeviceListQuery = z.object({ venueId: Uuid.optional() }).strict();

export const DeviceSummary = z.object({
  id: Uuid,
  venueId: Uuid,
  kind: DeviceKind,
  name: z.string(),
  createdAt: Timestamp,
  /** The last time the machine called the API (signed in, synced, sold). */
  lastSeenAt: Timestamp.nullable(),
  /** The app version it sent then (`X-App-Version`). */
  appVersion: z.string().nullable(),
  revokedAt: Timestamp.nullable(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

export const DeviceList = z.object({ devices: z.array(DeviceSummary) });
export type DeviceList = z.infer<typeof DeviceList>;
