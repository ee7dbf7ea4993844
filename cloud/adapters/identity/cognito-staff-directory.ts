// The back office's staff changes carried to Cognito's user pool (AWS), through the AWS SDK's admin API: an
// invitation creates the user (without Cognito's own email: our set-password link is the invitation, and staff sign in
// with our accounts), a role change moves the user between the role and `venue-<uuid>` groups that cognito.ts reads
// back from the token, disabling disables the user and revokes its refresh tokens, sign-out everywhere revokes them.
// Users are named by email (the pool signs in by email, so the email is an alias Cognito accepts as the username).
// The pool is shared with customers, who sign themselves up: a user of the member's email is given staff rights only
// when it is the member's (linked, made by our AdminCreateUser, or staff there already); any other fails the job with
// the reason, for the owner to decide. Each call is idempotent: the outbox repeats it after a failure.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CreateGroupCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { STAFF_ROLES } from '../../domain/staff-roles.ts';
import type { DirectoryMember, StaffDirectory } from '../../services/ports.ts';
import { isVenueGroup, venueGroup } from './cognito.ts';

export class CognitoStaffDirectory implements StaffDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async create(member: DirectoryMember, linkedSubject: string | null): Promise<{ subject: string }> {
    const subject = (await this.createUser(member)) ?? (await this.adopt(member, linkedSubject));
    await this.setRole(member);
    return { subject };
  }

  /** The new user's sub, or undefined when the pool holds a user of that email already. */
  private async createUser(member: DirectoryMember): Promise<string | undefined> {
    try {
      const created = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: member.email,
          UserAttributes: [
            { Name: 'email', Value: member.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: member.name },
          ],
          // Our invitation (the set-password link) is the one: no second one with a temporary password.
          MessageAction: 'SUPPRESS',
        }),
      );
      const subject = subjectIn(created.User?.Attributes);
      if (!subject) throw new Error(`Cognito named no sub for the new user ${member.email}`);
      return subject;
    } catch (error) {
      if (errorName(error) === 'UsernameExistsException') return undefined;
      throw failed('AdminCreateUser', error);
    }
  }

  /**
   * The existing user of the member's email, when it is theirs: linked to them already, or made by an AdminCreateUser
   * (an earlier attempt whose answer was lost) and never signed in since. A customer's account, or someone's own
   * sign-up with this email, is not: refused.
   */
  private async adopt(member: DirectoryMember, linkedSubject: string | null): Promise<string> {
    const existing = await this.existingUser(member.email);
    if (!existing) throw new Error(`Cognito AdminGetUser found no ${member.email}, which AdminCreateUser said exists`);
    if (existing.subject !== linkedSubject && existing.status !== MADE_BY_ADMIN) {
      throw notOurs(member.email, existing.status);
    }
    return existing.subject;
  }

  async subjectOf(member: DirectoryMember): Promise<string | null> {
    const existing = await this.existingUser(member.email);
    if (!existing) return null;
    // Staff there from before the back office (in a staff group, which only the admin API gives) or made by ours.
    if (existing.status !== MADE_BY_ADMIN && !(await this.groupsOf(member.email))?.some(isStaffGroup)) {
      throw notOurs(member.email, existing.status);
    }
    return existing.subject;
  }

  async verifiedEmailOf(subject: string): Promise<string | null> {
    try {
      // The pool signs in by email, so each user's username is its sub: the subject names the user.
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: subject }));
      const attribute = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
      if (attribute('sub') !== subject || !user.Enabled || user.UserStatus !== 'CONFIRMED') return null;
      // Cognito clears email_verified when the address changes, until the new one is proven by its code.
      const email = attribute('email');
      return email && attribute('email_verified') === 'true' ? email.toLowerCase() : null;
    } catch (error) {
      if (errorName(error) === 'UserNotFoundException') return null;
      throw failed('AdminGetUser', error);
    }
  }

  /** The pool's user of this email (its sub and status), or null when there is none. */
  private async existingUser(email: string): Promise<{ subject: string; status: string } | null> {
    try {
      const user = await this.client.send(new AdminGetUserCommand(this.user(email)));
      const subject = subjectIn(user.UserAttributes);
      if (!subject) throw new Error(`Cognito named no sub for the user ${email}`);
      return { subject, status: user.UserStatus ?? 'UNKNOWN' };
    } catch (error) {
      if (errorName(error) === 'UserNotFoundException') return null;
      throw failed('AdminGetUser', error);
    }
  }

  async setRole(member: DirectoryMember): Promise<void> {
    const wanted = new Set([member.role, ...member.venueIds.map(venueGroup)]);
    const current = await this.groupsOf(member.email);
    if (current === null) return;
    // Taken away before given: never more rights than either the old role or the new one, not even for a moment.
    for (const group of current) {
      if (!wanted.has(group) && isStaffGroup(group)) {
        await attempt('AdminRemoveUserFromGroup', () =>
          this.client.send(new AdminRemoveUserFromGroupCommand({ ...this.user(member.email), GroupName: group })),
        );
      }
    }
    for (const group of wanted) {
      if (!current.includes(group)) await this.addToGroup(member.email, group);
    }
  }

  /** Adds the user to the group; a venue's group is made the first time someone of that venue needs it. */
  private async addToGroup(email: string, group: string): Promise<void> {
    const add = () => this.client.send(new AdminAddUserToGroupCommand({ ...this.user(email), GroupName: group }));
    try {
      await add();
      return;
    } catch (error) {
      if (!(isVenueGroup(group) && errorName(error) === 'ResourceNotFoundException')) {
        throw failed('AdminAddUserToGroup', error);
      }
    }
    try {
      await this.client.send(
        new CreateGroupCommand({
          UserPoolId: this.userPoolId,
          GroupName: group,
          Description: 'The staff of one venue (its id after venue-), beside their role group',
        }),
      );
    } catch (error) {
      if (errorName(error) !== 'GroupExistsException') throw failed('CreateGroup', error);
    }
    await attempt('AdminAddUserToGroup', add);
  }

  async disable(email: string): Promise<void> {
    if (
      await unlessMissing('AdminDisableUser', () => this.client.send(new AdminDisableUserCommand(this.user(email))))
    ) {
      await this.signOutEverywhere(email);
    }
  }

  async enable(email: string): Promise<void> {
    await unlessMissing('AdminEnableUser', () => this.client.send(new AdminEnableUserCommand(this.user(email))));
  }

  async signOutEverywhere(email: string): Promise<void> {
    await unlessMissing('AdminUserGlobalSignOut', () =>
      this.client.send(new AdminUserGlobalSignOutCommand(this.user(email))),
    );
  }

  /** The user's groups, or null when the pool holds no such user. */
  private async groupsOf(email: string): Promise<string[] | null> {
    const groups: string[] = [];
    let nextToken: string | undefined;
    do {
      try {
        const page = await this.client.send(
          new AdminListGroupsForUserCommand({ ...this.user(email), Limit: 60, NextToken: nextToken }),
        );
        groups.push(...(page.Groups ?? []).map((group) => group.GroupName!).filter(Boolean));
        nextToken = page.NextToken;
      } catch (error) {
        if (errorName(error) === 'UserNotFoundException') return null;
        throw failed('AdminListGroupsForUser', error);
      }
    } while (nextToken);
    return groups;
  }

  private user(email: string) {
    return { UserPoolId: this.userPoolId, Username: email };
  }
}

/** The status of a user an AdminCreateUser made that has not signed in to the pool since. */
const MADE_BY_ADMIN = 'FORCE_CHANGE_PASSWORD';

const subjectIn = (attributes: AttributeType[] | undefined): string | undefined =>
  attributes?.find((attribute) => attribute.Name === 'sub')?.Value;

/** The job's error when the pool's user of the member's email is someone else's: shown under failed jobs. */
const notOurs = (email: string, status: string): Error =>
  new Error(
    `Cognito already holds a user ${email} that is not this staff member's (${status}: a customer's account or ` +
      `someone's own sign-up), so it was given no staff rights. Remove that user from the pool or invite the member ` +
      `with another email, then retry.`,
  );

const isStaffGroup = (group: string): boolean =>
  (STAFF_ROLES as readonly string[]).includes(group) || isVenueGroup(group);

/** Runs one call; a refusal becomes an error that names the operation. */
async function attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw failed(operation, error);
  }
}

/**
 * Runs one call about a user; false when the pool holds no such user (staff made before the pool was in front and
 * never invited there: nothing to carry over, and they cannot sign in there either).
 */
async function unlessMissing(operation: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (errorName(error) === 'UserNotFoundException') return false;
    throw failed(operation, error);
  }
}

const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/** The error the outbox records as the job's last error (the operations screen shows it). */
function failed(operation: string, error: unknown): Error {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new Error(`Cognito ${operation} failed: ${reason}`, { cause: error });
}
