// Staff changes reach Cognito: the back office's invitation, role change, sign-out everywhere, disabling and enabling,
// through the API on PGlite, with the Cognito adapter (the AWS SDK's client) aimed at a local stand-in of Cognito's
// admin API. Each change commits here with its audit entry and an outbox job; the job makes the right Cognito calls
// in the right order; a failing Cognito leaves the job failing with Cognito's reason (and our token check already
// refusing what the change took away) until a retry finishes it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoStaffDirectory } from '../../../cloud/adapters/identity/cognito-staff-directory.ts';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import type { Db } from '../../../cloud/db/port.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { FakeCognito } from '../../support/fake-cognito.ts';
import { buildWorld, type World } from '../../support/world.ts';

const POOL = 'eu-west-1_TestPool';

describe('staff changes reach Cognito', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let cognito: FakeCognito;
  let manager: string;
  let clerkId: string;
  const email = 'door.person@example.com';

  /** A principal as a Cognito token of the invited member names them, signed in `offsetMs` from now. */
  const cognitoPrincipal = (offsetMs: number): Principal => ({
    sub: cognito.users.get(email)!.sub,
    groups: ['clerk'],
    venueId: world.venueId,
    issuedAt: world.clock.now().getTime() + offsetMs,
  });
  const accepted = (principal: Principal) =>
    world.services.tokenCheck.assertCurrent(principal).then(
      () => true,
      () => false,
    );
  const runJobs = () => world.services.outbox.runDue(50);
  const pendingDirectoryJobs = async () =>
    (
      await db.query<{ last_error: string | null }>(
        `SELECT last_error FROM outbox WHERE topic = 'staff_directory' AND state = 'pending'`,
      )
    ).rows;

  beforeAll(async () => {
    db = await freshDb('pglite');
    cognito = await FakeCognito.start();
    world = await buildWorld(db, {
      staffDirectory: new CognitoStaffDirectory(cognito.client(), POOL),
      jobs: { baseDelayMs: 1000 },
    });
    api = await testApi(world.services);
    manager = await api.issuer.issue({
      sub: randomUUID(),
      email: 'manager@example.com',
      groups: ['venue_manager'],
      venueIds: [world.venueId],
    });
  });
  afterAll(async () => {
    await cognito.stop();
    await db.close();
  });

  it('an invitation creates the Cognito user after commit without its own email: the role and venue groups, its sub kept', async () => {
    // The first group call fails once: the retry finds the user made and finishes without a second one.
    cognito.fail('AdminAddUserToGroup', 'InternalErrorException', 500, 1);
    const invited = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: manager,
      body: { email, name: 'Door Person', role: 'clerk', venueId: world.venueId },
    });
    expect(invited.status).toBe(201);
    clerkId = invited.body.id;
    // Nothing reached Cognito inside the request: the job carries it.
    expect(cognito.calls).toEqual([]);
    expect(await runJobs()).toEqual({ done: 0, failed: 1 });
    expect((await pendingDirectoryJobs())[0]!.last_error).toMatch(
      /^Cognito AdminAddUserToGroup failed: InternalErrorException/,
    );
    world.clock.advance(2000);
    expect(await runJobs()).toEqual({ done: 1, failed: 0 });

    expect(cognito.calls[0]).toEqual({
      operation: 'AdminCreateUser',
      body: {
        UserPoolId: POOL,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'Door Person' },
        ],
        // One invitation, ours (the set-password link): Cognito sends no temporary password of its own.
        MessageAction: 'SUPPRESS',
      },
    });
    expect(cognito.operationsSince(1)).toEqual([
      'AdminListGroupsForUser',
      'AdminAddUserToGroup', // failed
      'AdminCreateUser', // the retry: the user is there already
      'AdminGetUser',
      'AdminListGroupsForUser',
      'AdminAddUserToGroup', // clerk
      'AdminAddUserToGroup', // the venue's group is not in the pool yet
      'CreateGroup',
      'AdminAddUserToGroup',
    ]);
    expect(cognito.calls.find((call) => call.operation === 'CreateGroup')!.body).toMatchObject({
      UserPoolId: POOL,
      GroupName: `venue-${world.venueId}`,
    });
    expect(cognito.users.size).toBe(1);
    const user = cognito.users.get(email)!;
    expect([...user.groups].sort()).toEqual(['clerk', `venue-${world.venueId}`]);
    const stored = await db.query<{ directory_subject: string }>('SELECT directory_subject FROM users WHERE id = $1', [
      clerkId,
    ]);
    expect(stored.rows[0]!.directory_subject).toBe(user.sub);
    // A token Cognito issues names that sub: our token check knows it as this account.
    expect(await accepted(cognitoPrincipal(-1000))).toBe(true);
  });

  it('a role change takes the old group away before giving the new one, signs the user out, and cuts off its tokens', async () => {
    const before = cognitoPrincipal(-1000);
    const from = cognito.calls.length;
    const changed = await api.call('PUT', `/v1/admin/staff/${clerkId}`, {
      bearer: manager,
      body: { role: 'door_steward', venueId: world.venueId },
    });
    expect(changed.body).toMatchObject({ role: 'door_steward' });
    // Refused at once, before Cognito has heard of it.
    expect(await accepted(before)).toBe(false);
    expect(await runJobs()).toEqual({ done: 1, failed: 0 });
    expect(cognito.operationsSince(from)).toEqual([
      'AdminListGroupsForUser',
      'AdminRemoveUserFromGroup',
      'AdminAddUserToGroup',
      'AdminUserGlobalSignOut',
    ]);
    expect(cognito.calls[from + 1]!.body).toEqual({ UserPoolId: POOL, Username: email, GroupName: 'clerk' });
    expect(cognito.calls[from + 2]!.body).toEqual({ UserPoolId: POOL, Username: email, GroupName: 'door_steward' });
    expect([...cognito.users.get(email)!.groups].sort()).toEqual(['door_steward', `venue-${world.venueId}`]);
  });

  it("sign-out everywhere revokes the user's Cognito sessions and refuses its tokens signed in before", async () => {
    world.clock.advance(1000);
    const before = cognitoPrincipal(-500);
    const signOuts = cognito.users.get(email)!.signOuts;
    const from = cognito.calls.length;
    expect((await api.call('POST', `/v1/admin/staff/${clerkId}/sign-out`, { bearer: manager })).status).toBe(204);
    expect(await accepted(before)).toBe(false);
    expect(await accepted(cognitoPrincipal(1000))).toBe(true);
    await runJobs();
    expect(cognito.calls.slice(from)).toEqual([
      { operation: 'AdminUserGlobalSignOut', body: { UserPoolId: POOL, Username: email } },
    ]);
    expect(cognito.users.get(email)!.signOuts).toBe(signOuts + 1);
  });

  it('a failing Cognito: disabling is done and audited here, the job fails with the reason, a retry finishes it', async () => {
    cognito.fail('AdminDisableUser', 'InternalErrorException', 500);
    world.clock.advance(1000);
    const from = cognito.calls.length;
    const disabled = await api.call('POST', `/v1/admin/staff/${clerkId}/disable`, { bearer: manager });
    expect([disabled.status, disabled.body.status]).toEqual([200, 'disabled']);
    const [entry] = await searchAuditEntries(db, { objectType: 'staff', objectId: clerkId, limit: 1 });
    expect(entry!.action).toBe('staff.disable');

    expect(await runJobs()).toEqual({ done: 0, failed: 1 });
    expect((await pendingDirectoryJobs()).map((job) => job.last_error)).toEqual([
      expect.stringMatching(/^Cognito AdminDisableUser failed: InternalErrorException/),
    ]);
    // Cognito still lets them sign in meanwhile; we refuse the token it gives them all the same.
    expect(cognito.users.get(email)!.enabled).toBe(true);
    expect(await accepted(cognitoPrincipal(60_000))).toBe(false);

    cognito.heal();
    world.clock.advance(2000);
    expect(await runJobs()).toEqual({ done: 1, failed: 0 });
    expect(cognito.operationsSince(from)).toEqual([
      'AdminDisableUser', // failed
      'AdminDisableUser',
      'AdminUserGlobalSignOut',
    ]);
    expect(cognito.users.get(email)!.enabled).toBe(false);
    expect(await pendingDirectoryJobs()).toEqual([]);
  });

  it('enabling the account enables the Cognito user; tokens from before stay cut off', async () => {
    const before = cognitoPrincipal(-500);
    world.clock.advance(1000);
    const from = cognito.calls.length;
    const enabled = await api.call('POST', `/v1/admin/staff/${clerkId}/enable`, { bearer: manager });
    expect([enabled.status, enabled.body.status]).toEqual([200, 'invited']);
    await runJobs();
    expect(cognito.calls.slice(from)).toEqual([
      { operation: 'AdminEnableUser', body: { UserPoolId: POOL, Username: email } },
    ]);
    expect(cognito.users.get(email)!.enabled).toBe(true);
    expect(await accepted(cognitoPrincipal(1000))).toBe(true);
    expect(await accepted(before)).toBe(false);
    const actions = (await searchAuditEntries(db, { objectType: 'staff', objectId: clerkId, limit: 10 })).map(
      (audit) => audit.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.invite',
        'staff.role_change',
        'staff.sign_out_everywhere',
        'staff.disable',
        'staff.enable',
      ]),
    );
  });

  it("another venue's manager cannot enable the member (404), and a self sign-out with a Cognito token reaches Cognito", async () => {
    const otherVenue = (await world.services.admin.createVenue({ name: 'Other', city: 'X', timezone: 'UTC' })).id;
    const stranger = await api.issuer.issue({ sub: randomUUID(), groups: ['venue_manager'], venueIds: [otherVenue] });
    expect((await api.call('POST', `/v1/admin/staff/${clerkId}/enable`, { bearer: stranger })).status).toBe(404);

    world.clock.advance(1000);
    const self = cognitoPrincipal(-500);
    const from = cognito.calls.length;
    await world.services.staff.signOutEverywhere(self);
    expect(await accepted(self)).toBe(false);
    await runJobs();
    expect(cognito.operationsSince(from)).toEqual(['AdminUserGlobalSignOut']);
  });
});
