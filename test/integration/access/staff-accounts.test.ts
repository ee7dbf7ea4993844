// Staff accounts through the API on real Postgres (else PGlite): a venue manager invites a clerk of their venue (the
// invitee sets a password from the emailed link and signs in), sees only their venues' staff, cannot give the admin
// role or another venue; a role change, disabling, sign-out everywhere and a password reset each stop the tokens
// issued before them; a reset request answers alike for unknown emails; devices are listed with their last call and
// app version and a revoked one is refused. Every action lands in the audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import type { Db } from '../../../cloud/db/port.ts';
import type { EmailSender, OutgoingEmail } from '../../../cloud/services/fulfilment/ports.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

class Inbox implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  async send(email: OutgoingEmail) {
    this.sent.push(email);
  }
  /** The one-time token of the last email to `to` (the MIME text decoded from quoted-printable). */
  tokenFor(to: string): string {
    const email = this.sent.filter((candidate) => candidate.to === to).at(-1);
    if (!email) throw new Error(`no email to ${to}`);
    const text = email.raw
      .toString('utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    return /\/admin\/reset\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
  }
}

describe.each(productionDbKinds())('staff accounts on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let otherVenue: string;
  let managerA: string;
  let managerB: string;
  const inbox = new Inbox();
  const password = 'a long enough password';

  const signIn = async (email: string, secret = password) => {
    world.clock.advance(1000);
    return api.call('POST', '/v1/auth/signin', { body: { email, password: secret } });
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { email: inbox });
    api = await testApi(world.services);
    otherVenue = (await world.services.admin.createVenue({ name: 'Other', city: 'X', timezone: 'Europe/Paris' })).id;
    managerA = await api.issuer.issue({
      sub: randomUUID(),
      email: 'manager.a@example.com',
      groups: ['venue_manager'],
      venueIds: [world.venueId],
    });
    managerB = await api.issuer.issue({ sub: randomUUID(), groups: ['venue_manager'], venueIds: [otherVenue] });
  });
  afterAll(async () => db.close());

  it('a venue manager invites a clerk, who sets a password from the emailed link and signs in with the venue', async () => {
    const invited = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: managerA,
      body: { email: 'New.Clerk@example.com', name: 'New Clerk', role: 'clerk', venueId: world.venueId },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'new.clerk@example.com', role: 'clerk', status: 'invited' });
    // No password yet: signing in fails like a wrong password.
    expect((await signIn('new.clerk@example.com')).status).toBe(401);

    const token = inbox.tokenFor('new.clerk@example.com');
    const weak = await api.call('POST', '/v1/auth/password', { body: { token, password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('password');
    expect((await api.call('POST', '/v1/auth/password', { body: { token, password } })).status).toBe(204);
    // The link works once.
    const again = await api.call('POST', '/v1/auth/password', { body: { token, password } });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe('token');

    const session = await signIn('new.clerk@example.com');
    expect(session.status).toBe(200);
    expect(session.body.principal).toMatchObject({ groups: ['clerk'], venueId: world.venueId });
    const listed = await api.call('GET', '/v1/admin/staff', { bearer: managerA });
    expect(
      listed.body.staff.map((member: { email: string; status: string }) => [member.email, member.status]),
    ).toContainEqual(['new.clerk@example.com', 'active']);

    const [entry] = await searchAuditEntries(db, { objectType: 'staff', objectId: invited.body.id, limit: 5 });
    expect(entry).toMatchObject({ action: 'staff.invite', actor_role: 'venue_manager', venue_id: world.venueId });
  });

  it("keeps a venue manager to their venues: no other venue's staff, no admin role, no other venue to give", async () => {
    const listedByB = await api.call('GET', '/v1/admin/staff', { bearer: managerB });
    expect(listedByB.body.staff.map((member: { email: string }) => member.email)).not.toContain(
      'new.clerk@example.com',
    );
    const clerkId = (await api.call('GET', '/v1/admin/staff', { bearer: managerA })).body.staff.find(
      (member: { email: string }) => member.email === 'new.clerk@example.com',
    ).id;
    const byB = await api.call('POST', `/v1/admin/staff/${clerkId}/disable`, { bearer: managerB });
    expect(byB.status).toBe(404);

    const admin = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: managerA,
      body: { email: 'boss@example.com', name: 'Boss', role: 'admin' },
    });
    expect([admin.status, admin.body.errors?.[0]?.field ?? admin.body.field]).toEqual([403, 'role']);
    const elsewhere = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: managerA,
      body: { email: 'x@example.com', name: 'X', role: 'venue_manager', venueIds: [world.venueId, otherVenue] },
    });
    expect(elsewhere.status).toBe(403);
    const noVenue = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: managerA,
      body: { email: 'y@example.com', name: 'Y', role: 'door_steward' },
    });
    expect([noVenue.status, noVenue.body.errors[0].field]).toEqual([400, 'venueId']);
    const clerk = (await signIn('new.clerk@example.com')).body.accessToken;
    expect((await api.call('GET', '/v1/admin/staff', { bearer: clerk })).status).toBe(403);
  });

  it('a role change, sign-out everywhere and disabling each stop the tokens issued before them', async () => {
    // Its own account: sign-in is limited to 5 a minute per account.
    await world.services.identity.createStaff({
      email: 'gate.clerk@example.com',
      password,
      name: 'Gate Clerk',
      role: 'clerk',
      venueId: world.venueId,
    });
    const before = (await signIn('gate.clerk@example.com')).body;
    const clerkId = before.principal.sub;
    const changed = await api.call('PUT', `/v1/admin/staff/${clerkId}`, {
      bearer: managerA,
      body: { role: 'door_steward', venueId: world.venueId },
    });
    expect(changed.body).toMatchObject({ role: 'door_steward', venueId: world.venueId });
    expect((await api.call('GET', '/v1/me', { bearer: before.accessToken })).status).toBe(401);

    const steward = (await signIn('gate.clerk@example.com')).body.accessToken;
    expect((await api.call('GET', '/v1/me', { bearer: steward })).body.groups).toEqual(['door_steward']);
    expect((await api.call('POST', '/v1/me/sign-out-everywhere', { bearer: steward })).status).toBe(204);
    expect((await api.call('GET', '/v1/me', { bearer: steward })).status).toBe(401);

    const fresh = (await signIn('gate.clerk@example.com')).body.accessToken;
    const disabled = await api.call('POST', `/v1/admin/staff/${clerkId}/disable`, { bearer: managerA });
    expect(disabled.body.status).toBe('disabled');
    expect((await api.call('GET', '/v1/me', { bearer: fresh })).status).toBe(401);
    expect((await signIn('gate.clerk@example.com')).status).toBe(401);

    const actions = (await searchAuditEntries(db, { objectType: 'staff', objectId: clerkId, limit: 10 })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['staff.role_change', 'staff.sign_out_everywhere', 'staff.disable']),
    );
  });

  it('resets a password by email: the same answer for unknown emails, one use, an hour, old sessions signed out', async () => {
    await world.services.identity.createStaff({
      email: 'ada@example.com',
      password,
      name: 'Ada',
      role: 'venue_manager',
      venueIds: [world.venueId],
    });
    const old = (await signIn('ada@example.com')).body.accessToken;
    await world.services.outbox.runDue(100);
    const sentBefore = inbox.sent.length;
    const known = await api.call('POST', '/v1/auth/password-reset', { body: { email: 'ada@example.com' } });
    const unknown = await api.call('POST', '/v1/auth/password-reset', { body: { email: 'nobody@example.com' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    expect(known.headers.get('content-length')).toEqual(unknown.headers.get('content-length'));
    // Both did the same work: one queued job each, no email yet; the jobs decide.
    const queued = await db.query<{ payload: { email: string } }>(
      `SELECT payload FROM outbox WHERE topic = 'password_reset_email' AND state = 'pending' ORDER BY created_at`,
    );
    expect(queued.rows.map((row) => row.payload.email).sort()).toEqual(['ada@example.com', 'nobody@example.com']);
    expect(inbox.sent.length).toBe(sentBefore);
    expect(await world.services.outbox.runDue(100)).toEqual({ done: 2, failed: 0 });
    expect(inbox.sent.slice(sentBefore).map((email) => email.to)).toEqual(['ada@example.com']);

    const expired = inbox.tokenFor('ada@example.com');
    world.clock.advance(3601_000);
    const late = await api.call('POST', '/v1/auth/password', {
      body: { token: expired, password: 'brand new password' },
    });
    expect(late.body.errors[0].field).toBe('token');

    await api.call('POST', '/v1/auth/password-reset', { body: { email: 'ada@example.com' } });
    await world.services.outbox.runDue(100);
    const token = inbox.tokenFor('ada@example.com');
    expect(
      (await api.call('POST', '/v1/auth/password', { body: { token, password: 'brand new password' } })).status,
    ).toBe(204);
    expect((await api.call('GET', '/v1/me', { bearer: old })).status).toBe(401);
    expect((await signIn('ada@example.com')).status).toBe(401);
    const session = await signIn('ada@example.com', 'brand new password');
    expect(session.body.principal).toMatchObject({ groups: ['venue_manager'], venueIds: [world.venueId] });
  });

  it("lists a venue's devices with last call and version, pairs one, and a revoked one is refused", async () => {
    const code = await api.call('POST', '/v1/admin/devices/pairing-codes', {
      bearer: managerA,
      body: { venueId: world.venueId, kind: 'boxoffice', name: 'Counter 1' },
    });
    expect(code.status).toBe(201);
    const paired = await api.call('POST', '/v1/devices/pair', { body: { code: code.body.code } });
    const device = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: paired.body.id, secret: paired.body.secret },
    });
    world.clock.advance(120_000);
    await api.call('GET', '/v1/me', { bearer: device.body.accessToken, headers: { 'x-app-version': '3.2.1' } });
    const listed = await api.call('GET', `/v1/admin/devices?venueId=${world.venueId}`, { bearer: managerA });
    expect(listed.body.devices).toContainEqual(
      expect.objectContaining({
        id: paired.body.id,
        name: 'Counter 1',
        appVersion: '3.2.1',
        lastSeenAt: world.clock.now().toISOString(),
        revokedAt: null,
      }),
    );
    expect((await api.call('GET', '/v1/admin/devices', { bearer: managerB })).body.devices).toEqual([]);
    expect((await api.call('POST', `/v1/admin/devices/${paired.body.id}/revoke`, { bearer: managerB })).status).toBe(
      404,
    );

    const revoked = await api.call('POST', `/v1/admin/devices/${paired.body.id}/revoke`, { bearer: managerA });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await api.call('GET', '/v1/me', { bearer: device.body.accessToken })).status).toBe(401);
    const again = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: paired.body.id, secret: paired.body.secret },
    });
    expect(again.status).toBe(401);
    const actions = (await searchAuditEntries(db, { venueIds: [world.venueId], limit: 50 })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['device.pairing_code', 'device.revoke']));
  });
});
