// Sign-up, sign-in, device credentials and staff accounts of the embedded identity provider (Cognito in AWS).
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'not an email address' }))
  .transform((email) => email.toLowerCase());

export const Password = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200)
  .refine((password) => password.trim().length === password.length, 'no spaces at the start or end');

export const PersonName = z.string().trim().min(1).max(120);

/** The language an account email is written in (the shop's: en, de or ar; the same values as an order's locale). */
export const EmailLocale = z.enum(['en', 'de', 'ar']);
export type EmailLocale = z.infer<typeof EmailLocale>;

/** A sign-up; `locale` is the shop's language, the one its email is written in (English when not given). */
export const SignUp = z
  .object({ email: Email, password: Password, name: PersonName, locale: EmailLocale.optional() })
  .strict();
export type SignUp = z.infer<typeof SignUp>;

/**
 * The answer to every sign-up, whether or not the email has an account: the owner of the email is told by email (a
 * link that confirms the new account, or a note that the account exists with a sign-in and a reset link).
 */
export const SignUpAccepted = z.object({ status: z.literal('check_email') });
export type SignUpAccepted = z.infer<typeof SignUpAccepted>;

/** The one-time token of the confirmation link; confirming makes the account and signs it in. */
export const ConfirmSignUp = z.object({ token: z.string().trim().min(20).max(200) }).strict();
export type ConfirmSignUp = z.infer<typeof ConfirmSignUp>;

export const SignIn = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export type SignIn = z.infer<typeof SignIn>;

export const DeviceSignIn = z.object({ deviceId: Uuid, secret: z.string().min(1).max(200) }).strict();
export type DeviceSignIn = z.infer<typeof DeviceSignIn>;

/** The staff roles (domain/staff-roles.ts has what each may do): the same names as the principal's groups. */
export const StaffRole = z.enum(['admin', 'venue_manager', 'clerk', 'door_steward']);
export type StaffRole = z.infer<typeof StaffRole>;
export const DeviceKind = z.enum(['kiosk', 'boxoffice']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** The venues a role is bound to: a venue manager one or more (`venueIds`), a clerk or door steward one (`venueId`). */
export const StaffVenues = z.object({ venueId: Uuid.optional(), venueIds: z.array(Uuid).min(1).max(50).optional() });

/** A staff role with the venues it needs: checked once here for every form and route that gives a role. */
export function refineStaffVenues<
  T extends { role: StaffRole; venueId?: string | undefined; venueIds?: string[] | undefined },
>(staff: T, ctx: z.RefinementCtx): void {
  if (staff.role === 'venue_manager' && !staff.venueIds?.length) {
    ctx.addIssue({ code: 'custom', message: 'a venue manager is given one or more venues', path: ['venueIds'] });
  }
  if ((staff.role === 'clerk' || staff.role === 'door_steward') && staff.venueId === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'a clerk or door steward works at a venue: give venueId',
      path: ['venueId'],
    });
  }
}

export const CreateStaff = z
  .object({ email: Email, password: Password, name: PersonName, role: StaffRole, ...StaffVenues.shape })
  .strict()
  .superRefine(refineStaffVenues);
export type CreateStaff = z.infer<typeof CreateStaff>;

export const CreateDevice = z
  .object({ venueId: Uuid, kind: DeviceKind, name: z.string().trim().min(1).max(80) })
  .strict();
export type CreateDevice = z.infer<typeof CreateDevice>;

export const Session = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.int(),
  principal: z.object({
    sub: z.string(),
    email: z.string().optional(),
    name: z.string().optional(),
    groups: z.array(z.string()),
    /** A clerk's or door steward's venue (or a device's). */
    venueId: Uuid.optional(),
    /** A venue manager's venues. */
    venueIds: z.array(Uuid).optional(),
  }),
});
export type Session = z.infer<typeof Session>;

/** Shown once, when the device is registered: the secret is stored only as a hash. */
export const CreatedDevice = z.object({
  id: Uuid,
  venueId: Uuid,
  kind: DeviceKind,
  name: z.string(),
  secret: z.string(),
  /** In AWS: the machine's API Gateway key, sent as `x-api-key` on every call (shown once, like the secret). */
  apiKey: z.string().optional(),
});
export type CreatedDevice = z.infer<typeof CreatedDevice>;

/** An admin asks for a one-time code to type into a new kiosk or box-office machine. */
export const CreatePairingCode = CreateDevice;
export const PairingCode = z.object({
  code: z.string().describe('Eight characters like 7K3M-9QXA; works once'),
  expiresAt: Timestamp,
  venueId: Uuid,
  kind: DeviceKind,
  name: z.string(),
});
export type PairingCode = z.infer<typeof PairingCode>;

/** The machine exchanges the code for its own credential (shown in this answer only). */
export const PairDevice = z.object({ code: z.string().trim().min(8).max(20) }).strict();
export type PairDevice = z.infer<typeof PairDevice>;
