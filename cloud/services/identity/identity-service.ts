// The embedded identity provider's use cases: customers sign up and sign in, staff accounts and devices are
// registered by an admin, devices sign in with their own credential. Tokens come from the TokenIssuer port.
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/port.ts';
import {
  claimPairingCode,
  findDevice,
  findUserByEmail,
  insertDevice,
  insertPairingCode,
  insertUser,
  recordPairedDevice,
} from '../../db/identity.ts';
import { normalizeReadableCode, readableCode } from '../../domain/orders/codes.ts';
import { findVenue } from '../../db/venues.ts';
import { touchDevice } from '../../db/devices.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { insertSignUpRequest, takeSignUpRequest } from '../../db/signup-requests.ts';
import { markEmailVerified } from '../../db/order-claims.ts';
import { hashSignUpToken, SIGN_UP_SECONDS, signUpJob } from './sign-up.ts';
import { DomainError } from '../../domain/errors.ts';
import { staffRolesOf } from '../../domain/staff-roles.ts';
import { staffVenuesOf } from './staff-venues.ts';
import type {
  CreateDevice,
  CreateStaff,
  CreatedDevice,
  DeviceSignIn,
  PairDevice,
  PairingCode,
  ConfirmSignUp,
  Session,
  SignIn,
  SignUp,
  SignUpAccepted,
} from '../../contract/index.ts';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  hashSecret,
  newDeviceSecret,
  secretMatches,
  verifyPassword,
} from './passwords.ts';

export interface TokenClaims {
  sub: string;
  email?: string;
  groups: string[];
  venueId?: string;
  /** A venue manager's venues. */
  venueIds?: string[];
}

/**
 * Signs the access tokens the API issues itself: staff sign-in and paired devices (locally also customers). In AWS
 * customers sign in with Cognito, whose tokens the API verifies beside these.
 */
export interface TokenIssuer {
  issue(claims: TokenClaims & { ttlSeconds: number; issuedAt?: Date }): Promise<string>;
}

/** Makes a paired machine's API Gateway key (AWS); not there on one machine, where no gateway stands in front. */
export interface DeviceApiKeys {
  issue(device: { id: string; name: string; venueId: string; kind: string }): Promise<string>;
}

const CUSTOMER_TOKEN_SECONDS = 3600;
const STAFF_TOKEN_SECONDS = 12 * 3600;
const DEVICE_TOKEN_SECONDS = 24 * 3600;
/** Long enough to walk from the admin's screen to the machine; short enough that a lost note is harmless. */
export const PAIRING_CODE_SECONDS = 15 * 60;

const hashCode = (code: string) => createHash('sha256').update(`pairing:${code}`).digest('hex');

export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokenIssuer,
    private readonly now: () => Date = () => new Date(),
    private readonly deviceKeys?: DeviceApiKeys,
  ) {}

  /**
   * Every sign-up is answered alike (issue 21): the password hashed, one request and one outbox job written, whether
   * or not the email has an account; the job tells the email's owner (sign-up.ts).
   */
  async signUp(request: SignUp): Promise<SignUpAccepted> {
    const now = this.now();
    const id = randomUUID();
    const passwordHash = await hashPassword(request.password);
    await this.db.transaction(async (tx) => {
      await insertSignUpRequest(tx, {
        id,
        email: request.email,
        name: request.name,
        password_hash: passwordHash,
        created_at: now,
        expires_at: new Date(now.getTime() + SIGN_UP_SECONDS * 1000),
      });
      await insertOutboxJobs(tx, [signUpJob(id, request.locale)], now);
    });
    return { status: 'check_email' };
  }

  /** The emailed link's token makes the account and signs it in, once. */
  async confirmSignUp(request: ConfirmSignUp): Promise<Session> {
    const refused = () =>
      new DomainError('validation_failed', 'This link is unknown, used or expired; sign up again.', {
        field: 'token',
      });
    const account = await this.db.transaction(async (tx) => {
      const claimed = await takeSignUpRequest(tx, hashSignUpToken(request.token), this.now());
      if (!claimed) return null;
      const id = randomUUID();
      const inserted = await insertUser(tx, {
        id,
        email: claimed.email,
        password_hash: claimed.password_hash,
        name: claimed.name,
        groups: [],
        venue_id: null,
      });
      // Made meanwhile through another link of the same email: this one is used up all the same (the request's
      // deletion commits; the refusal is thrown after the transaction, not inside it, where it would roll that back).
      if (!inserted) return null;
      // The link came to this address: the account's email is proven, so it may claim the guest orders bought with it.
      await markEmailVerified(tx, id, this.now());
      return { id, email: claimed.email, name: claimed.name };
    });
    if (!account) throw refused();
    return this.session({ sub: account.id, email: account.email, groups: [] }, CUSTOMER_TOKEN_SECONDS, account.name);
  }

  async signIn(request: SignIn): Promise<Session> {
    const user = await findUserByEmail(this.db, request.email);
    // Hash even for an unknown email: the answer takes as long either way, so it does not tell who has an account.
    const valid = await verifyPassword(request.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    // A disabled account reads like a wrong password: the answer does not tell that the account exists.
    if (!user || !valid || user.disabled_at) {
      throw new DomainError('invalid_credentials', 'The email or the password is wrong.');
    }
    return this.session(
      {
        sub: user.id,
        email: user.email,
        groups: user.groups,
        ...(user.venue_id ? { venueId: user.venue_id } : {}),
        ...(user.venue_ids.length ? { venueIds: user.venue_ids } : {}),
      },
      staffRolesOf(user).length > 0 ? STAFF_TOKEN_SECONDS : CUSTOMER_TOKEN_SECONDS,
      user.name,
    );
  }

  async signInDevice(request: DeviceSignIn): Promise<Session> {
    const device = await findDevice(this.db, request.deviceId);
    const valid = secretMatches(request.secret, device?.secret_hash ?? hashSecret(''));
    if (!device || !valid || device.revoked_at) {
      throw new DomainError('invalid_credentials', 'This device is not registered, or its secret is wrong.');
    }
    await touchDevice(this.db, device.id, this.now(), null);
    return this.session(
      { sub: device.id, groups: [device.kind], venueId: device.venue_id },
      DEVICE_TOKEN_SECONDS,
      device.name,
    );
  }

  /** An account with a password set by whoever creates it (the seed, scripts); the back office invites instead. */
  async createStaff(request: CreateStaff, tx: Queryable = this.db): Promise<{ id: string }> {
    const venues = staffVenuesOf(request);
    for (const venueId of [...(venues.venue_id ? [venues.venue_id] : []), ...venues.venue_ids]) {
      if (!(await findVenue(tx, venueId))) {
        throw new DomainError('validation_failed', 'No such venue.', {
          field: request.role === 'venue_manager' ? 'venueIds' : 'venueId',
        });
      }
    }
    const id = randomUUID();
    const inserted = await insertUser(tx, {
      id,
      email: request.email,
      password_hash: await hashPassword(request.password),
      name: request.name,
      groups: [request.role],
      ...venues,
    });
    if (!inserted)
      throw new DomainError('email_taken', 'An account with this email exists already.', { field: 'email' });
    return { id };
  }

  /** Registers a device; its secret is shown in this answer only. */
  async createDevice(
    request: CreateDevice,
    secret = newDeviceSecret(),
    tx: Queryable = this.db,
  ): Promise<CreatedDevice> {
    if (!(await findVenue(tx, request.venueId))) {
      throw new DomainError('validation_failed', 'No such venue.', { field: 'venueId' });
    }
    const device = { id: randomUUID(), venueId: request.venueId, kind: request.kind, name: request.name };
    // The key first: if API Gateway refuses, no device is left without one.
    const apiKey = await this.apiKeyFor(device);
    await insertDevice(tx, {
      id: device.id,
      venue_id: request.venueId,
      kind: request.kind,
      name: request.name,
      secret_hash: hashSecret(secret),
    });
    return { ...device, secret, ...apiKey };
  }

  /** A one-time code an admin types into a new machine, which exchanges it for its credential (pairDevice). */
  async createPairingCode(request: CreateDevice, createdBy: string, tx: Queryable = this.db): Promise<PairingCode> {
    if (!(await findVenue(tx, request.venueId))) {
      throw new DomainError('validation_failed', 'No such venue.', { field: 'venueId' });
    }
    const code = readableCode();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_SECONDS * 1000);
    await insertPairingCode(tx, {
      code_hash: hashCode(code),
      venue_id: request.venueId,
      kind: request.kind,
      name: request.name,
      created_by: createdBy,
      created_at: now,
      expires_at: expiresAt,
    });
    return { code, expiresAt: expiresAt.toISOString(), ...request };
  }

  /** Registers the machine that shows a good pairing code, once; its secret is in this answer only. */
  async pairDevice(request: PairDevice): Promise<CreatedDevice> {
    const code = normalizeReadableCode(request.code);
    const refused = () => new DomainError('invalid_credentials', 'This code is unknown, used or expired.');
    if (!code) throw refused();
    return this.db.transaction(async (tx) => {
      const claimed = await claimPairingCode(tx, hashCode(code), this.now());
      if (!claimed) throw refused();
      const secret = newDeviceSecret();
      const id = randomUUID();
      await insertDevice(tx, {
        id,
        venue_id: claimed.venue_id,
        kind: claimed.kind,
        name: claimed.name,
        secret_hash: hashSecret(secret),
      });
      await recordPairedDevice(tx, claimed.code_hash, id);
      const device = { id, venueId: claimed.venue_id, kind: claimed.kind, name: claimed.name };
      // In AWS the machine's API Gateway key is made here: if that fails, the code stays unused for another try.
      return { ...device, secret, ...(await this.apiKeyFor(device)) };
    });
  }

  /** The machine's API Gateway key, where a gateway stands in front (AWS); nothing on one machine. */
  private async apiKeyFor(device: Parameters<DeviceApiKeys['issue']>[0]): Promise<{ apiKey?: string }> {
    return this.deviceKeys ? { apiKey: await this.deviceKeys.issue(device) } : {};
  }

  private async session(claims: TokenClaims, ttlSeconds: number, name?: string): Promise<Session> {
    return {
      accessToken: await this.tokens.issue({ ...claims, ttlSeconds, issuedAt: this.now() }),
      tokenType: 'Bearer',
      expiresIn: ttlSeconds,
      principal: { ...claims, ...(name ? { name } : {}) },
    };
  }
}
