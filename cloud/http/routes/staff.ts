// Staff and devices in the back office (capability staff:manage, checked by the services against the object's
// venue), sign-out everywhere, and password reset by email. A reset request is queued as one job whatever the email
// (the job looks the account up), so it answers the same, as fast, either way; it is rate limited like sign-in (per
// address and per account).
import {
  DeviceList,
  DeviceListQuery,
  DeviceParams,
  DeviceSummary,
  InviteStaff,
  RequestPasswordReset,
  ResetPassword,
  StaffList,
  StaffListQuery,
  StaffMember,
  StaffParams,
  UpdateStaff,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { endpoint, problem, route } from '../route.ts';

const NO_STORE = { 'cache-control': 'no-store' };
const refused = {
  401: problem('Not signed in, or signed out everywhere'),
  403: problem('The role may not manage staff, or not this venue or role'),
  404: problem('No such staff member or device (or of a venue not yours)'),
};

export function staffRoutes(services: Services, limiter: RateLimiter) {
  return [
    route<Record<string, never>, { venueId?: string }>({
      ...endpoint('listStaff'),
      summary: 'Staff of the venues the principal manages (all for an admin), optionally of one venue',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      query: StaffListQuery,
      responses: { 200: { description: 'The staff', schema: StaffList }, ...refused },
      handler: async ({ query, principal, c }) =>
        c.json({ staff: await services.staff.list(principal, query.venueId) }, 200, NO_STORE),
    }),
    route<Record<string, never>, Record<string, never>, InviteStaff>({
      ...endpoint('inviteStaff'),
      summary: 'Invite someone by email with a role and venues; they get a one-time link to set their password',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      body: InviteStaff,
      responses: {
        201: { description: 'Invited', schema: StaffMember },
        400: problem('Invalid invitation (the field says which)'),
        ...refused,
        409: problem('Email already registered'),
      },
      handler: async ({ body, principal, c }) => c.json(await services.staff.invite(principal, body), 201, NO_STORE),
    }),
    route<{ staffId: string }, Record<string, never>, UpdateStaff>({
      ...endpoint('updateStaff'),
      summary: "Change a staff member's role and venues (they are signed out, their tokens carry the old ones)",
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      params: StaffParams,
      body: UpdateStaff,
      responses: {
        200: { description: 'Changed', schema: StaffMember },
        400: problem('Invalid role or venues'),
        ...refused,
        409: problem('Your own role'),
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await services.staff.update(principal, params.staffId, body), 200, NO_STORE),
    }),
    route<{ staffId: string }>({
      ...endpoint('disableStaff'),
      summary: 'Disable an account: it cannot sign in, and every token it holds stops working',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      params: StaffParams,
      responses: {
        200: { description: 'Disabled', schema: StaffMember },
        ...refused,
        409: problem('Your own account'),
      },
      handler: async ({ params, principal, c }) =>
        c.json(await services.staff.disable(principal, params.staffId), 200, NO_STORE),
    }),
    route<{ staffId: string }>({
      ...endpoint('enableStaff'),
      summary: 'Enable a disabled account: it signs in again (tokens from before stay signed out)',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      params: StaffParams,
      responses: { 200: { description: 'Enabled', schema: StaffMember }, ...refused },
      handler: async ({ params, principal, c }) =>
        c.json(await services.staff.enable(principal, params.staffId), 200, NO_STORE),
    }),
    route<{ staffId: string }>({
      ...endpoint('signOutStaffEverywhere'),
      summary: 'Sign a staff member out of every device',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      params: StaffParams,
      responses: { 204: { description: 'Signed out' }, ...refused },
      handler: async ({ params, principal, c }) => {
        await services.staff.signOutMember(principal, params.staffId);
        return c.body(null, 204);
      },
    }),
    route<Record<string, never>, { venueId?: string }>({
      ...endpoint('listDevices'),
      summary: "The venues' kiosks and box offices, with each one's last call and app version",
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      query: DeviceListQuery,
      responses: { 200: { description: 'The devices', schema: DeviceList }, ...refused },
      handler: async ({ query, principal, c }) =>
        c.json({ devices: await services.devices.list(principal, query.venueId) }, 200, NO_STORE),
    }),
    route<{ deviceId: string }>({
      ...endpoint('revokeDevice'),
      summary: 'Revoke a machine: its secret and every token it was given stop working',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'staff:manage' },
      params: DeviceParams,
      responses: { 200: { description: 'Revoked', schema: DeviceSummary }, ...refused },
      handler: async ({ params, principal, c }) =>
        c.json(await services.devices.revoke(principal, params.deviceId), 200, NO_STORE),
    }),
    route({
      ...endpoint('signOutEverywhere'),
      summary: 'Sign out of every device: every token issued until now stops working',
      tags: ['identity'],
      security: 'bearer',
      access: 'signed-in',
      responses: { 204: { description: 'Signed out' }, 401: problem('Not signed in') },
      handler: async ({ principal, c }) => {
        await services.staff.signOutEverywhere(principal);
        return c.body(null, 204);
      },
    }),
    route<Record<string, never>, Record<string, never>, RequestPasswordReset>({
      ...endpoint('requestPasswordReset'),
      summary: 'Email a one-time link (1 hour) to reset the password; the same answer whether or not the email exists',
      tags: ['identity'],
      body: RequestPasswordReset,
      rateLimit: { bucket: 'signin', limit: 10, windowSeconds: 60 },
      responses: {
        202: { description: 'If the email has an account, a link is on its way' },
        400: problem('Not an email address'),
        429: problem('Too many attempts; see Retry-After'),
      },
      handler: async ({ body, c }) => {
        limiter.take(`reset-account:${body.email}`, { limit: 3, windowSeconds: 300 });
        await services.passwordRecovery.request(body.email, body.locale);
        return c.json({ sent: true }, 202, NO_STORE);
      },
    }),
    route<Record<string, never>, Record<string, never>, ResetPassword>({
      ...endpoint('resetPassword'),
      summary: "Set a password with an invitation's or a reset's one-time token (every older session is signed out)",
      tags: ['identity'],
      body: ResetPassword,
      rateLimit: { bucket: 'signin', limit: 10, windowSeconds: 60 },
      responses: {
        204: { description: 'The password is set; sign in with it' },
        400: problem('A weak password, or a token unknown, used or expired (field token)'),
        429: problem('Too many attempts; see Retry-After'),
      },
      handler: async ({ body, c }) => {
        await services.passwordRecovery.confirm(body);
        return c.body(null, 204);
      },
    }),
  ];
}
