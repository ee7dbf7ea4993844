// The user pool is shared with customers, who sign themselves up: a staff change gives staff rights in Cognito only
// to the member's own user there. An invitation whose email names a customer's account (or someone's unconfirmed
// sign-up) fails its job with the reason and gives that user nothing; a user linked to the member, or made by our
// own AdminCreateUser, is taken. Staff who were in the pool before it learnt our subjects are linked by their next
// role, status or sign-out job, so our cut-offs reach their Cognito tokens. Through the API on PGlite, with the
// Cognito adapter aimed at a local stand-in of Cognito's admin API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoStaffDirectory } from '../../../cloud/adapters/identity/cognito-staff-directory.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { queueDirectoryChange } from '../../../cloud/services/identity/staff-directory-sync.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { FakeCognito } from '../../support/fake-cognito.ts';
import { buildWorld, type World } from '../../support/world.ts';

describe('staff rights in a user pool shared with customers', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let cognito: FakeCognito;
  let manager: string;

  const runJobs = () => world.services.outbox.runDue(50);
  const failedJobErrors = async () =>
    (
      await db.query<{ last_error: string | null }>(
        `SELECT last_error FROM outbox WHERE topic = 'staff_directory' AND state = 'pending' AND attempts > 0`,
      )
    ).rows.map((job) => job.last_error);
  const subjectOf = async (staffId: string) =>
    (
      await db.query<{ directory_subject: string | null }>('SELECT directory_subject FROM users WHERE id = $1', [
        staffId,
      ])
    ).rows[0]!.directory_subject;
  const invite = async (email: string) => {
    const invited = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: manager,
      body: { email, name: 'New Clerk', role: 'clerk', venueId: world.venueId },
    });
    expect(invited.status).toBe(201);
    return invited.body.id as string;
  };
  const accepted = (principal: Principal) =>
    world.services.tokenCheck.assertCurrent(principal).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    db = await freshDb('pglite');
    cognito = await FakeCognito.start();
    world = await buildWorld(db, {
      staffDirectory: new CognitoStaffDirectory(cognito.client(), 'eu-west-1_TestPool'),
      jobs: { baseDelayMs: 1000 },
    });
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: randomUUID(), groups: ['venue_manager'], venueIds: [world.venueId] });
  });
  afterAll(async () => {
    await cognito.stop();
    await db.close();
  });
  // Each test starts with no job left over from the one before.
  const clearJobs = () => db.query(`DELETE FROM outbox WHERE topic = 'staff_directory'`);

  it.each([
    ['a customer who signed up', 'CONFIRMED'],
    ["someone's unconfirmed sign-up", 'UNCONFIRMED'],
  ])(
    'an invitation of an email that is %s gives that user no staff group: the job fails with the reason',
    async (_, status) => {
      await clearJobs();
      const email = `taken.${status.toLowerCase()}@example.com`;
      const customer = cognito.addUser(email, { status });
      const staffId = await invite(email);

      expect(await runJobs()).toEqual({ done: 0, failed: 1 });
      expect(await failedJobErrors()).toEqual([
        expect.stringContaining(`Cognito already holds a user ${email} that is not this staff member's (${status}`),
      ]);
      expect([...customer.groups]).toEqual([]);
      expect(await subjectOf(staffId)).toBeNull();
      // A later change of the member does not give it to them either.
      world.clock.advance(60_000);
      const changed = await api.call('PUT', `/v1/admin/staff/${staffId}`, {
        bearer: manager,
        body: { role: 'door_steward', venueId: world.venueId },
      });
      expect(changed.status).toBe(200);
      world.clock.advance(60_000);
      expect(await runJobs()).toEqual({ done: 0, failed: 2 });
      expect([...customer.groups]).toEqual([]);
      expect(customer.signOuts).toBe(0);
    },
  );

  it('takes a user made by an earlier AdminCreateUser, and the user already linked to the member', async () => {
    await clearJobs();
    const email = 'made.before@example.com';
    // An earlier attempt made the user and its answer was lost.
    const made = cognito.addUser(email);
    const staffId = await invite(email);
    expect(await runJobs()).toEqual({ done: 1, failed: 0 });
    expect(await subjectOf(staffId)).toBe(made.sub);
    expect([...made.groups].sort()).toEqual(['clerk', `venue-${world.venueId}`]);

    // Linked, then signed in to the pool itself (no longer as an AdminCreateUser left it): still the member's.
    made.status = 'CONFIRMED';
    made.groups.clear();
    await queueDirectoryChange(db, staffId, 'create', world.clock.now());
    expect(await runJobs()).toEqual({ done: 1, failed: 0 });
    expect([...made.groups].sort()).toEqual(['clerk', `venue-${world.venueId}`]);
  });

  it('links staff who were in the pool before at their next change, so disabling refuses their Cognito tokens', async () => {
    await clearJobs();
    const email = 'staff.from.before@example.com';
    const { id: staffId } = await world.services.identity.createStaff({
      email,
      name: 'From Before',
      password: 'a long enough password 1',
      role: 'clerk',
      venueId: world.venueId,
    });
    const pooled = cognito.addUser(email, { status: 'CONFIRMED', groups: ['clerk', `venue-${world.venueId}`] });
    const token: Principal = {
      sub: pooled.sub,
      groups: ['clerk'],
      venueId: world.venueId,
      issuedAt: world.clock.now().getTime() + 1000,
    };
    expect(await subjectOf(staffId)).toBeNull();

    world.clock.advance(60_000);
    const disabled = await api.call('POST', `/v1/admin/staff/${staffId}/disable`, { bearer: manager });
    expect(disabled.status).toBe(200);
    expect(await runJobs()).toEqual({ done: 1, failed: 0 });
    expect(await subjectOf(staffId)).toBe(pooled.sub);
    expect(pooled.enabled).toBe(false);
    // A token Cognito gave them before it heard: refused, now that we know it as theirs.
    expect(await accepted(token)).toBe(false);
  });

  it('a role change of staff from before links them too; a customer of their email is refused, not signed out', async () => {
    await clearJobs();
    const make = async (email: string) =>
      (
        await world.services.identity.createStaff({
          email,
          name: 'Old Hand',
          password: 'a long enough password 1',
          role: 'clerk',
          venueId: world.venueId,
        })
      ).id;
    const oldHand = await make('old.hand@example.com');
    const pooled = cognito.addUser('old.hand@example.com', { status: 'CONFIRMED', groups: ['clerk'] });
    const namesake = await make('namesake@example.com');
    const customer = cognito.addUser('namesake@example.com', { status: 'CONFIRMED' });

    world.clock.advance(60_000);
    for (const staffId of [oldHand, namesake]) {
      const changed = await api.call('PUT', `/v1/admin/staff/${staffId}`, {
        bearer: manager,
        body: { role: 'door_steward', venueId: world.venueId },
      });
      expect(changed.status).toBe(200);
    }
    expect(await runJobs()).toEqual({ done: 1, failed: 1 });
    expect(await subjectOf(oldHand)).toBe(pooled.sub);
    expect([...pooled.groups].sort()).toEqual(['door_steward', `venue-${world.venueId}`]);
    expect(await subjectOf(namesake)).toBeNull();
    expect([...customer.groups]).toEqual([]);
    expect(customer.signOuts).toBe(0);
    expect(await failedJobErrors()).toEqual([
      expect.stringContaining('Cognito already holds a user namesake@example.com that is not this staff member'),
    ]);
  });
});
