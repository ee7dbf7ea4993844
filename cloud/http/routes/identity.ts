// Identity routes of the embedded provider: customer sign-up (confirmed by email) and sign-in, device sign-in, who am I; and staff
// accounts, device registration and pairing codes (capability staff:manage, at the object's venue). Sign-in is rate
// limited per address and per account.
import { z } from 'zod';
import {
  ConfirmSignUp,
  CreateDevice,
  CreateStaff,
  CreatedDevice,
  DeviceSignIn,
  PairDevice,
  PairingCode,
  Session,
  SignIn,
  SignUp,
  SignUpAccepted,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { requirePrincipal } from '../auth.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { endpoint, problem, route } from '../route.ts';

const SIGN_IN_LIMIT = { bucket: 'signin', limit: 10, windowSeconds: 60 };
/** Per account, whatever address the guesses come from. */
const SIGN_IN_PER_ACCOUNT = { limit: 5, windowSeconds: 60 };

export function identityRoutes(services: Services, limiter: RateLimiter) {
  const tooMany = { 429: problem('Too many attempts; see Retry-After') };
  return [
    route({
      ...endpoint('signUp'),
      // The same answer in the same time whether or not the email has an account: it tells nobody who has one.
      summary: 'Ask for a customer account; the owner of the email is told by email (a link that makes it)',
      tags: ['identity'],
      body: SignUp,
      rateLimit: { bucket: 'signup', limit: 5, windowSeconds: 60 },
      responses: {
        202: { description: 'Check your email', schema: SignUpAccepted },
        400: problem('Invalid email or a weak password'),
        ...tooMany,
      },
      handler: async ({ body, c }) =>
        c.json(await services.identity.signUp(body), 202, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('confirmSignUp'),
      summary: 'Confirm a sign-up with the emailed token: the account is made and signed in (once)',
      tags: ['identity'],
      body: ConfirmSignUp,
      // A bucket of its own: sharing sign-up's 5 a minute, three people of one household (one address) signing up and
      // confirming within a minute were refused. The token is 256 random bits; the limit only bounds the work.
      rateLimit: { bucket: 'signup_confirm', limit: 20, windowSeconds: 60 },
      responses: {
        201: { description: 'Signed up and in', schema: Session },
        400: problem('The link is unknown, used or expired'),
        ...tooMany,
      },
      handler: async ({ body, c }) =>
        c.json(await services.identity.confirmSignUp(body), 201, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('signIn'),
      summary: 'Sign in with email and password (customers and staff)',
      tags: ['identity'],
      body: SignIn,
      rateLimit: SIGN_IN_LIMIT,
      responses: {
        200: { description: 'Signed in', schema: Session },
        401: problem('Wrong email or password'),
        ...tooMany,
      },
      handler: async ({ body, c }) => {
        limiter.take(`signin-account:${body.email}`, SIGN_IN_PER_ACCOUNT);
        return c.json(await services.identity.signIn(body), 200, { 'cache-control': 'no-store' });
      },
    }),
    route({
      ...endpoint('signInDevice'),
      summary: 'A kiosk or box-office machine signs in with its device credential',
      tags: ['identity'],
      body: DeviceSignIn,
      rateLimit: SIGN_IN_LIMIT,
      responses: {
        200: { description: 'Signed in', schema: Session },
        401: problem('Unknown device or wrong secret'),
        ...tooMany,
      },
      handler: async ({ body, c }) =>
        c.json(await services.identity.signInDevice(body), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('whoAmI'),
      summary: 'The signed-in principal',
      tags: ['identity'],
      security: 'bearer',
      access: 'signed-in', // guard
      responses: {
        200: { description: 'The principal', schema: Session.shape.principal },
        401: problem('Not signed in'),
      },
      handler: async ({ principal, c }) => {
        const { issuedAt: _issuedAt, ...who } = requirePrincipal(principal);
        return c.json(who, 200, { 'cache-control': 'no-store' });
      },
    }),
    route({
      ...endpoint('createStaff'),
      summary: 'Create a staff account with a password (scripts; the back office invites instead)',
      tags: ['admin'],
      body: CreateStaff,
      security: 'bearer',
      access: { capability: 'staff:manage' }, // guard
      responses: {
        201: { description: 'Created', schema: z.object({ id: z.uuid() }) },
        400: problem('Invalid account'),
        401: problem('Not signed in'),
        403: problem('The role may not manage staff, or not these venues or this role'),
        409: problem('Email already registered'),
      },
      handler: async ({ body, principal, c }) => c.json(await services.staff.create(principal, body), 201),
    }),
    route({
      ...endpoint('registerDevice'),
      summary: 'Register a kiosk or box-office machine at a venue; its secret is shown once',
      tags: ['admin'],
      body: CreateDevice,
      security: 'bearer',
      access: { capability: 'staff:manage' }, // guard
      responses: {
        201: { description: 'Registered', schema: CreatedDevice },
        400: problem('Invalid device'),
        401: problem('Not signed in'),
        403: problem('The role may not manage devices'),
        404: problem('A venue not yours'),
      },
      handler: async ({ body, principal, c }) =>
        c.json(await services.devices.register(principal, body), 201, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('createPairingCode'),
      summary: 'A one-time code (15 minutes) to type into a new kiosk or box-office machine at a venue',
      tags: ['admin'],
      body: CreateDevice,
      security: 'bearer',
      access: { capability: 'staff:manage' }, // guard
      responses: {
        201: { description: 'The code, shown once', schema: PairingCode },
        400: problem('Invalid device'),
        401: problem('Not signed in'),
        403: problem('The role may not manage devices'),
        404: problem('A venue not yours'),
      },
      handler: async ({ body, principal, c }) =>
        c.json(await services.devices.createPairingCode(principal, body), 201, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('pairDevice'),
      summary: 'A new machine exchanges its one-time pairing code for its device credential (shown once)',
      tags: ['identity'],
      body: PairDevice,
      rateLimit: { bucket: 'pair', limit: 10, windowSeconds: 60 },
      responses: {
        201: { description: 'Registered', schema: CreatedDevice },
        400: problem('Not a code'),
        401: problem('Unknown, used or expired code'),
        ...tooMany,
      },
      handler: async ({ body, c }) =>
        c.json(await services.identity.pairDevice(body), 201, { 'cache-control': 'no-store' }),
    }),
  ];
}
