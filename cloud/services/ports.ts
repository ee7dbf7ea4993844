// Ports the services need from the outside world; adapters in cloud/adapters implement them.
import type { Readable } from 'node:stream';
import type { LiveChanges } from '../contract/index.ts';

/** Pushes committed seat changes to whoever watches the event (ws locally, API Gateway WebSocket in AWS). */
export interface LiveBus {
  publish(message: LiveChanges): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A caller as the HTTP layer has authenticated it. */
export interface Principal {
  sub: string;
  email?: string;
  /**
   * Roles: staff `admin` (owner), `venue_manager`, `clerk`, `door_steward` (see access/staff-access.ts), and for
   * registered devices `kiosk` or `boxoffice`. Customers have none.
   */
  groups: string[];
  /** The venue a clerk or door steward works at, or a device stands in. */
  venueId?: string;
  /** The venues a venue manager is given. */
  venueIds?: string[];
  /** When the token was issued (ms since the epoch): sign-out everywhere refuses tokens issued before it. */
  issuedAt?: number;
}

/** Verifies a bearer access token (the embedded issuer's, or Cognito's) and says whom it names. */
export interface AccessTokenVerifier {
  /** The principal the token names; throws when the token is not valid. */
  verify(token: string): Promise<Principal>;
}

export const isDevice = (principal: Principal | undefined): boolean =>
  !!principal && (principal.groups.includes('kiosk') || principal.groups.includes('boxoffice'));

/** Steps of a checkout at which a crash test stops the process; a no-op everywhere else. */
export type CheckoutStep = 'before_provider' | 'after_provider' | 'before_commit';
/** Steps of other work a crash test stops at: a cancelled event's refund, sent to the provider but not recorded. */
export type CrashStep = CheckoutStep | 'cancellation_refund_sent';

export interface Faults {
  reached(step: CrashStep): Promise<void>;
}

export const noFaults: Faults = { reached: async () => {} };

// admin: exports
/**
 * Where export files go (an S3 bucket in AWS, files under the data dir locally) and how a browser fetches one. Both
 * adapters pass test/integration/reports/export-store.test.ts.
 */
export interface ExportStore {
  /** Writes the file as it streams in (bounded memory); resolves with its size once it is whole. */
  write(key: string, body: Readable, file: { contentType: string }): Promise<{ bytes: number }>;
  /**
   * A link that downloads the file without a bearer token until `expiresAt`, as an attachment named `filename` (S3: a
   * presigned GET). Null when the API serves the file itself, by a link it signs (the local store).
   */
  presignedUrl(key: string, file: { filename: string; contentType: string }, expiresAt: Date): Promise<string | null>;
  /** The file to serve by a signed link; null when absent or when this store does not serve files (S3). */
  read(key: string): Promise<Readable | null>;
  /** Deletes the files written before `before`; how many went (S3's lifecycle rule deletes its own: 0). */
  deleteOlderThan(before: Date): Promise<number>;
}

// admin: staff directory
/** A staff member as the user pool in front should hold them: the role's group and a group per venue. */
export interface DirectoryMember {
  email: string;
  name: string;
  /** The staff role (a group of the same name). */
  role: string;
  /** Every venue of the member (a clerk's one, a venue manager's several, none for an admin). */
  venueIds: string[];
}

/**
 * Where staff also sign in besides our own accounts: Cognito's user pool in AWS (adapters/identity/
 * cognito-staff-directory.ts); nothing on one machine, where our database is the only directory. Every method is
 * idempotent, since the outbox runs it again after a failure.
 */
export interface StaffDirectory {
  /**
   * Creates the account (no email from the pool: our invitation is the one) or takes the existing one when it is the
   * member's (`linkedSubject`, or made by an earlier attempt); its subject there. Refuses anyone else's.
   */
  create(member: DirectoryMember, linkedSubject: string | null): Promise<{ subject: string }>;
  /** The subject of the member's account there (staff there from before), null when none; refuses anyone else's. */
  subjectOf(member: DirectoryMember): Promise<string | null>;
  /** Gives the account exactly the member's role and venue groups (other groups kept). */
  setRole(member: DirectoryMember): Promise<void>;
  disable(email: string): Promise<void>;
  enable(email: string): Promise<void>;
  /** Revokes every refresh token; access tokens already out run until they expire (our cut-off refuses them). */
  signOutEverywhere(email: string): Promise<void>;
  /**
   * The email of the pool's user with this subject, when the pool says its owner proved it (`email_verified`) and the
   * user is enabled and confirmed; null otherwise. A pool's access token carries no email: a customer signed in
   * there claims guest orders by this (accounts: order claims).
   */
  verifiedEmailOf(subject: string): Promise<string | null>;
}
