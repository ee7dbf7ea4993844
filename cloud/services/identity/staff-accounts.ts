// Staff accounts in the back office (capability staff:manage): invite by email with a role and venues, list, change
// the role or venues, disable, sign out everywhere. A venue manager manages only staff of their own venues, gives only
// their own venues and never the admin role; every change is in the audit log, in the change's transaction. With a
// user pool in front (Cognito in AWS), the same transaction queues the change for it (staff-directory-sync.ts).
import { randomUUID } from 'node:crypto';
import type { CreateStaff, InviteStaff, StaffMember, UpdateStaff } from '../../contract/index.ts';
import type { Db, Queryable } from '../../db/port.ts';
import {
  cutOffTokens,
  disableUser,
  enableUser,
  findStaff,
  insertInvitedStaff,
  listStaff,
  lockStaff,
  setStaffRole,
  type StaffRow,
} from '../../db/staff.ts';
import { findVenue } from '../../db/venues.ts';
import { DomainError } from '../../domain/errors.ts';
import { STAFF_ROLES, staffRolesOf, type StaffRoleName } from '../../domain/staff-roles.ts';
import { authorizeStaff, staffVenueScope, venuesOf } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal, StaffDirectory } from '../ports.ts';
import { issuePasswordToken, sendPasswordEmail, type AccountMail } from './password-recovery.ts';
import { staffVenuesOf, venuesOfStored, type StoredStaffVenues } from './staff-venues.ts';
import type { IdentityService } from './identity-service.ts';
import { queueDirectoryChange, type DirectoryChange } from './staff-directory-sync.ts';

export interface StaffAccountDeps {
  db: Db;
  clock: Clock;
  mail: AccountMail;
  /** Creates an account with a password (the createStaff route, the seed). */
  identity: IdentityService;
  /** The user pool in front (Cognito in AWS), told every change by the outbox; none on one machine. */
  directory?: StaffDirectory | undefined;
}

const roleOf = (row: { groups: string[] }): StaffRoleName => staffRolesOf(row)[0] ?? 'clerk';

export function presentStaff(row: StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleOf(row),
    venueId: row.venue_id,
    venueIds: row.venue_ids,
    status: row.disabled_at ? 'disabled' : row.invited_at && !row.password_set_at ? 'invited' : 'active',
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

const roleSnapshot = (row: { groups: string[] } & StoredStaffVenues) => ({
  role: roleOf(row),
  venueId: row.venue_id,
  venueIds: row.venue_ids,
});

export class StaffAccounts {
  constructor(private readonly deps: StaffAccountDeps) {}

  /** Staff of the principal's venues (every staff member for an admin), optionally of one venue. */
  async list(principal: Principal | undefined, venueId?: string): Promise<StaffMember[]> {
    const scope = staffVenueScope(principal, 'staff:manage');
    if (venueId) authorizeStaff(principal, 'staff:manage', venueId);
    const rows = await listStaff(this.deps.db, venueId ? [venueId] : scope === 'all' ? null : scope);
    return rows.map(presentStaff);
  }

  /** An account with a password given by whoever creates it (scripts); the back office invites instead. */
  async create(principal: Principal | undefined, request: CreateStaff): Promise<{ id: string }> {
    const actor = authorizeStaff(principal, 'staff:manage');
    const venues = staffVenuesOf(request);
    await this.assertMayGive(actor, request.role, venues);
    return this.deps.db.transaction(async (tx) => {
      const created = await this.deps.identity.createStaff(request, tx);
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'staff.create',
          objectType: 'staff',
          objectId: created.id,
          venueId: venuesOfStored(venues)[0] ?? null,
          venueIds: venuesOfStored(venues),
          summary: `Created ${request.name} <${request.email}> as ${request.role.replace('_', ' ')}`,
          after: { email: request.email, name: request.name, ...roleSnapshot({ groups: [request.role], ...venues }) },
        },
        this.deps.clock.now(),
      );
      await this.tellDirectory(tx, created.id, 'create', this.deps.clock.now());
      return created;
    });
  }

  /** Creates the account (no password yet) and emails a one-time link to set one. */
  async invite(principal: Principal | undefined, request: InviteStaff): Promise<StaffMember> {
    const actor = authorizeStaff(principal, 'staff:manage');
    const venues = staffVenuesOf(request);
    await this.assertMayGive(actor, request.role, venues);
    const now = this.deps.clock.now();
    const id = randomUUID();
    const { member, token } = await this.deps.db.transaction(async (tx) => {
      const inserted = await insertInvitedStaff(
        tx,
        { id, email: request.email, name: request.name, groups: [request.role], ...venues },
        now,
      );
      if (!inserted) {
        throw new DomainError('email_taken', 'An account with this email exists already.', { field: 'email' });
      }
      const token = await issuePasswordToken(tx, id, 'invite', now);
      const member = presentStaff((await findStaff(tx, id))!);
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'staff.invite',
          objectType: 'staff',
          objectId: id,
          venueId: venuesOfStored(venues)[0] ?? null,
          venueIds: venuesOfStored(venues),
          summary: `Invited ${request.name} <${request.email}> as ${request.role.replace('_', ' ')}`,
          after: { email: request.email, name: request.name, ...roleSnapshot({ groups: [request.role], ...venues }) },
        },
        now,
      );
      await this.tellDirectory(tx, id, 'create', now);
      return { member, token };
    });
    await sendPasswordEmail(
      this.deps.mail,
      request,
      token,
      'invite',
      `${actor.email ?? 'An administrator'} invited you to the TicketBoss back office as ${request.role.replace('_', ' ')}`,
    );
    return member;
  }

  /** A new role and venues (the whole set); the member's tokens carry the old ones, so they are signed out. */
  async update(principal: Principal | undefined, staffId: string, request: UpdateStaff): Promise<StaffMember> {
    const actor = authorizeStaff(principal, 'staff:manage');
    const venues = staffVenuesOf(request);
    await this.assertMayGive(actor, request.role, venues);
    return this.change(actor, staffId, async (tx, row, now) => {
      if (row.id === actor.sub) {
        throw new DomainError('conflict', 'You cannot change your own role; ask another administrator.', {
          field: 'role',
        });
      }
      await setStaffRole(tx, row.id, { groups: this.groupsWith(row.groups, request.role), ...venues });
      await cutOffTokens(tx, row.id, now);
      const after = { ...row, groups: [request.role], ...venues };
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'staff.role_change',
          objectType: 'staff',
          objectId: row.id,
          venueId: venuesOfStored(venues)[0] ?? venuesOfStored(row)[0] ?? null,
          // Filed under the venues they had and those they have: each venue's manager sees the change.
          venueIds: [...venuesOfStored(row), ...venuesOfStored(venues)],
          summary: `Changed ${row.name}'s role to ${request.role.replace('_', ' ')}`,
          before: roleSnapshot(row),
          after: roleSnapshot(after),
        },
        now,
      );
      await this.tellDirectory(tx, row.id, 'role', now);
      return after;
    });
  }

  /** The account can no longer sign in, and every token it holds stops working. */
  async disable(principal: Principal | undefined, staffId: string): Promise<StaffMember> {
    const actor = authorizeStaff(principal, 'staff:manage');
    return this.change(actor, staffId, async (tx, row, now) => {
      if (row.id === actor.sub) {
        throw new DomainError('conflict', 'You cannot disable your own account.');
      }
      if (row.disabled_at) return row;
      await disableUser(tx, row.id, now);
      await cutOffTokens(tx, row.id, now);
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'staff.disable',
          objectType: 'staff',
          objectId: row.id,
          venueId: venuesOfStored(row)[0] ?? null,
          venueIds: venuesOfStored(row),
          summary: `Disabled ${row.name} <${row.email}>`,
          before: { status: presentStaff(row).status },
          after: { status: 'disabled' },
        },
        now,
      );
      await this.tellDirectory(tx, row.id, 'status', now);
      return { ...row, disabled_at: now };
    });
  }

  /** A disabled account may sign in again (with its password); every token from before stays cut off. */
  async enable(principal: Principal | undefined, staffId: string): Promise<StaffMember> {
    const actor = authorizeStaff(principal, 'staff:manage');
    return this.change(actor, staffId, async (tx, row, now) => {
      if (!row.disabled_at) return row;
      await enableUser(tx, row.id);
      // Any token issued while it was disabled (Cognito's, if it had not heard yet) stays refused.
      await cutOffTokens(tx, row.id, now);
      const after = { ...row, disabled_at: null };
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'staff.enable',
          objectType: 'staff',
          objectId: row.id,
          venueId: venuesOfStored(row)[0] ?? null,
          venueIds: venuesOfStored(row),
          summary: `Enabled ${row.name} <${row.email}>`,
          before: { status: 'disabled' },
          after: { status: presentStaff(after).status },
        },
        now,
      );
      await this.tellDirectory(tx, row.id, 'status', now);
      return after;
    });
  }

  /** Signs a member out of every device (an admin or their venue manager does it for them). */
  async signOutMember(principal: Principal | undefined, staffId: string): Promise<void> {
    const actor = authorizeStaff(principal, 'staff:manage');
    await this.change(actor, staffId, async (tx, row, now) => {
      await this.cutOff(tx, actor, row.id, venuesOfStored(row), `Signed ${row.name} out everywhere`, now);
      return row;
    });
  }

  /** The principal signs themself out of every device: every token issued until now stops working. */
  async signOutEverywhere(principal: Principal | undefined): Promise<void> {
    if (!principal) throw new DomainError('unauthorized', 'Sign in first.');
    await this.deps.db.transaction(async (tx) => {
      const now = this.deps.clock.now();
      const venues = [...(principal.venueId ? [principal.venueId] : []), ...(principal.venueIds ?? [])];
      await this.cutOff(tx, principal, principal.sub, venues, 'Signed out everywhere', now);
    });
  }

  private async cutOff(tx: Queryable, actor: Principal, sub: string, venueIds: string[], summary: string, now: Date) {
    await cutOffTokens(tx, sub, now);
    await recordStaffAction(
      tx,
      actor,
      {
        action: 'staff.sign_out_everywhere',
        objectType: 'staff',
        objectId: sub,
        venueId: venueIds[0] ?? null,
        venueIds,
        summary,
      },
      now,
    );
    await this.tellDirectory(tx, sub, 'sign_out', now);
  }

  /** Queues the change for the user pool in front, in the change's transaction; nothing without one. */
  private async tellDirectory(tx: Queryable, staffId: string, change: DirectoryChange, now: Date) {
    if (this.deps.directory) await queueDirectoryChange(tx, staffId, change, now);
  }

  /** Locks the member, checks the actor may manage them, applies the change in one transaction. */
  private async change(
    actor: Principal,
    staffId: string,
    apply: (tx: Queryable, row: StaffRow, now: Date) => Promise<StaffRow>,
  ): Promise<StaffMember> {
    return this.deps.db.transaction(async (tx) => {
      const row = await lockStaff(tx, staffId);
      if (!row) throw new DomainError('not_found', 'No such staff member.');
      this.assertManages(actor, row);
      return presentStaff(await apply(tx, row, this.deps.clock.now()));
    });
  }

  /** An admin manages everyone; a venue manager only staff all of whose venues are theirs, and never an admin. */
  private assertManages(actor: Principal, row: StaffRow) {
    const mine = venuesOf(actor);
    if (mine === 'all') return;
    const theirs = venuesOfStored(row);
    const shared = theirs.filter((venueId) => mine.includes(venueId));
    if (roleOf(row) === 'admin' || shared.length === 0) throw new DomainError('not_found', 'No such staff member.');
    if (shared.length < theirs.length) {
      throw new DomainError('forbidden', 'This member also works at venues you do not manage; ask an administrator.');
    }
  }

  /** Only an admin gives the admin role; a venue manager gives only venues of their own; every venue exists. */
  private async assertMayGive(actor: Principal, role: StaffRoleName, venues: StoredStaffVenues) {
    const field = role === 'venue_manager' ? 'venueIds' : 'venueId';
    if (role === 'admin' && venuesOf(actor) !== 'all') {
      throw new DomainError('forbidden', 'Only an administrator can give the admin role.', { field: 'role' });
    }
    const mine = venuesOf(actor);
    for (const venueId of venuesOfStored(venues)) {
      if (mine !== 'all' && !mine.includes(venueId)) {
        throw new DomainError('forbidden', 'You can give only venues you manage.', { field });
      }
      if (!(await findVenue(this.deps.db, venueId))) {
        throw new DomainError('validation_failed', 'No such venue.', { field });
      }
    }
  }

  /** The member's groups with the staff role replaced (any other group, e.g. a customer's, kept). */
  private groupsWith(groups: string[], role: StaffRoleName): string[] {
    return [...groups.filter((group) => !(STAFF_ROLES as readonly string[]).includes(group)), role];
  }
}
