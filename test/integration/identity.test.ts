// The embedded identity provider through the API: sign-up (no enumeration: confirmed by email; its requests kept no
// longer than needed), sign-in, staff and devices, tokens the API accepts, JWKS, and rate limits on sign-in and hold
// creation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet } from 'jose';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { createJwtVerifier } from '../../cloud/adapters/identity/local-issuer.ts';
import type { Db } from '../../cloud/db/port.ts';
import { insertUser } from '../../cloud/db/identity.ts';
import { insertSignUpRequest } from '../../cloud/db/signup-requests.ts';
import { housekeeping } from '../../cloud/services/housekeeping.ts';
import { hashPassword } from '../../cloud/services/identity/passwords.ts';
import type { EmailSender, OutgoingEmail } from '../../cloud/services/fulfilment/ports.ts';

/** The emails sent, read as text (MIME's quoted-printable undone). */
class Inbox implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  /** The next send to this address fails (a mail server down), once. */
  failNextTo: string | null = null;
  async send(email: OutgoingEmail) {
    if (email.to === this.failNextTo) {
      this.failNextTo = null;
      throw new Error('mail server unavailable');
    }
    this.sent.push(email);
  }
  textTo(to: string): string {
    const email = this.sent.filter((candidate) => candidate.to === to).at(-1);
    if (!email) throw new Error(`no email to ${to}`);
    return email.raw
      .toString('utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
  }
  /** The token of the link to `page` in the last email to `to`. */
  linkTo(to: string, page: string): string {
    const found = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(this.textTo(to));
    if (!found) throw new Error(`no /${page} link in the email to ${to}`);
    return found[1]!;
  }
}

const OWNER_PASSWORD = 'the owner knows this';

describe.each(dbKinds())('identity (embedded provider) on %s', (kind) => {
  const inbox = new Inbox();
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { email: inbox });
    api = await testApi(world.services);
    const passwordHash = await hashPassword(OWNER_PASSWORD);
    await insertUser(db, {
      id: randomUUID(),
      email: 'owner@example.com',
      password_hash: passwordHash,
      name: 'Owner',
      groups: [],
      venue_id: null,
    });
  });
  afterAll(async () => db.close());

  /** Each sign-up's one answer and what it wrote (outbox jobs), then the email its job sent. */
  const signUp = async (body: { email: string; password: string; name: string }) => {
    const jobsBefore = await countJobs();
    const answer = await api.call('POST', '/v1/auth/signup', { body });
    const jobs = (await countJobs()) - jobsBefore;
    return { answer, jobs };
  };
  const countJobs = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'signup_email'`)).rows[0]!.n;

  it('a sign-up answers a new and a taken email alike; the owner is emailed a confirmation link, or a note with sign-in and reset links', async () => {
    const fresh = await signUp({
      email: ' Grace@Example.com ',
      password: 'correct horse battery',
      name: 'Grace Hopper',
    });
    const taken = await signUp({ email: 'Owner@example.com', password: 'a stranger guesses', name: 'Eve' });
    for (const { answer, jobs } of [fresh, taken]) {
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ status: 'check_email' });
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(jobs).toBe(1);
    }
    expect([...taken.answer.headers.keys()].sort()).toEqual([...fresh.answer.headers.keys()].sort());
    // Not signed in, and no account yet: signing in fails like a wrong password.
    const early = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'correct horse battery' },
    });
    expect(early.status).toBe(401);

    const before = inbox.sent.length;
    expect(await world.services.outbox.runDue(100)).toMatchObject({ done: 2, failed: 0 });
    expect(
      inbox.sent
        .slice(before)
        .map((email) => email.to)
        .sort(),
    ).toEqual(['grace@example.com', 'owner@example.com']);
    expect(inbox.textTo('grace@example.com')).toContain('Confirm it here');
    const note = inbox.textTo('owner@example.com');
    expect(note).toContain('which has one already');
    expect(note).toContain('https://shop.test/signin');
    expect(note).not.toContain('signup/confirm');
    // The stranger's request kept nothing: their password does not sign in, the owner's still does.
    const stranger = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'owner@example.com', password: 'a stranger guesses' },
    });
    expect(stranger.status).toBe(401);
    const owner = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'owner@example.com', password: OWNER_PASSWORD },
    });
    expect(owner.status).toBe(200);
    expect((await db.query(`SELECT 1 FROM signup_requests WHERE email = 'owner@example.com'`)).rowCount).toBe(0);
    // The note's reset link works, for the owner who forgot; a customer's opens the shop's page (accounts).
    const resetToken = inbox.linkTo('owner@example.com', 'password/reset');
    const reset = await api.call('POST', '/v1/auth/password', {
      body: { token: resetToken, password: 'a new long password' },
    });
    expect(reset.status).toBe(204);
  });

  it('the confirmation link makes the account and signs it in, once; tokens carry Cognito-shaped claims and verify against the JWKS', async () => {
    const token = inbox.linkTo('grace@example.com', 'signup/confirm');
    const confirmed = await api.call('POST', '/v1/auth/signup/confirm', { body: { token } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.principal).toMatchObject({ email: 'grace@example.com', groups: [], name: 'Grace Hopper' });
    const again = await api.call('POST', '/v1/auth/signup/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.errors[0].field).toBe('token');
    const claims = JSON.parse(Buffer.from(confirmed.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: confirmed.body.principal.sub,
      email: 'grace@example.com',
      'cognito:groups': [],
      token_use: 'access',
    });

    const jwks = await api.call('GET', '/.well-known/jwks.json');
    const verifier = createJwtVerifier('ticketboss-test', createLocalJWKSet(jwks.body));
    expect((await verifier.verify(confirmed.body.accessToken)).sub).toBe(confirmed.body.principal.sub);

    const signIn = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'correct horse battery' },
    });
    expect(signIn.status).toBe(200);
    const me = await api.call('GET', '/v1/me', { bearer: signIn.body.accessToken });
    expect(me.body).toMatchObject({ sub: confirmed.body.principal.sub, email: 'grace@example.com' });

    const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
      'grace@example.com',
    ]);
    expect(stored.rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.rows[0]!.password_hash).not.toContain('correct horse');
    const unknown = await api.call('POST', '/v1/auth/signup/confirm', { body: { token: 'x'.repeat(43) } });
    expect(unknown.status).toBe(400);
  });

  const requestsFor = async (email: string) =>
    (await db.query('SELECT 1 FROM signup_requests WHERE email = $1', [email])).rowCount;

  it('a confirmed request is gone with its password hash, and so is a second link refused for an email made meanwhile', async () => {
    expect(await requestsFor('grace@example.com')).toBe(0);
    await signUp({ email: 'twice@example.com', password: 'first long password', name: 'Twice' });
    await world.services.outbox.runDue(100);
    const firstLink = inbox.linkTo('twice@example.com', 'signup/confirm');
    await signUp({ email: 'twice@example.com', password: 'second long password', name: 'Twice' });
    await world.services.outbox.runDue(100);
    expect(await requestsFor('twice@example.com')).toBe(2);
    const second = await api.call('POST', '/v1/auth/signup/confirm', {
      body: { token: inbox.linkTo('twice@example.com', 'signup/confirm') },
    });
    expect(second.status).toBe(201);
    // The account exists now: the first link is refused, and its request (and password hash) is gone all the same.
    const first = await api.call('POST', '/v1/auth/signup/confirm', { body: { token: firstLink } });
    expect(first.status).toBe(400);
    expect(first.body.errors[0].field).toBe('token');
    expect(await requestsFor('twice@example.com')).toBe(0);
  });

  it('housekeeping deletes the requests a day after they expired, not before', async () => {
    const now = world.clock.now().getTime();
    const request = (email: string, expiredMsAgo: number) =>
      insertSignUpRequest(db, {
        id: randomUUID(),
        email,
        name: 'Late',
        password_hash: 'scrypt$stand-in',
        created_at: new Date(now - expiredMsAgo - 24 * 3600 * 1000),
        expires_at: new Date(now - expiredMsAgo),
      });
    await request('long-expired@example.com', 24 * 3600 * 1000 + 60_000);
    await request('just-expired@example.com', 3600 * 1000);
    await housekeeping(world.services);
    expect(await requestsFor('long-expired@example.com')).toBe(0);
    expect(await requestsFor('just-expired@example.com')).toBe(1);
  });

  it('a failed send to the owner of a taken email is retried, and the owner is still told', async () => {
    inbox.failNextTo = 'owner@example.com';
    const before = inbox.sent.length;
    await signUp({ email: 'owner@example.com', password: 'a stranger again', name: 'Eve' });
    expect(await world.services.outbox.runDue(100)).toEqual({ done: 0, failed: 1 });
    expect(await requestsFor('owner@example.com')).toBe(1);
    const job = await db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE topic = 'signup_email' AND state = 'pending'`,
    );
    expect(await world.services.outbox.runJob(job.rows[0]!.id)).toBe('done');
    expect(inbox.sent.slice(before).map((email) => email.to)).toEqual(['owner@example.com']);
    expect(inbox.textTo('owner@example.com')).toContain('which has one already');
    expect(await requestsFor('owner@example.com')).toBe(0);
  });

  it('refuses a weak password and a bad email (400), and a wrong password like an unknown email (401)', async () => {
    const body = { email: 'grace@example.com', password: 'another long one', name: 'G' };
    const weak = await api.call('POST', '/v1/auth/signup', {
      body: { ...body, email: 'x@example.com', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('password');
    const badEmail = await api.call('POST', '/v1/auth/signup', { body: { ...body, email: 'not-an-email' } });
    expect(badEmail.body.errors[0].field).toBe('email');
    const wrong = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'nope nope nope' },
    });
    const unknown = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'nobody@example.com', password: 'nope nope nope' },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('admins create clerks bound to a venue and register devices; devices sign in with their own credential', async () => {
    const clerk = await api.call('POST', '/v1/admin/staff', {
      body: {
        email: 'clerk@venue.example',
        password: 'clerk password 1',
        name: 'Clerk',
        role: 'clerk',
        venueId: world.venueId,
      },
      bearer: api.adminToken,
    });
    expect(clerk.status).toBe(201);
    const noVenue = await api.call('POST', '/v1/admin/staff', {
      body: { email: 'c2@venue.example', password: 'clerk password 1', name: 'Clerk', role: 'clerk' },
      bearer: api.adminToken,
    });
    expect(noVenue.body.errors[0].field).toBe('venueId');
    const asCustomer = await api.call('POST', '/v1/admin/staff', {
      body: { email: 'c3@venue.example', password: 'clerk password 1', name: 'Clerk', role: 'admin' },
      bearer: api.customerToken,
    });
    expect(asCustomer.status).toBe(403);

    const signIn = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'clerk@venue.example', password: 'clerk password 1' },
    });
    expect(signIn.body.principal).toMatchObject({ groups: ['clerk'], venueId: world.venueId });

    const device = await api.call('POST', '/v1/admin/devices', {
      body: { venueId: world.venueId, kind: 'kiosk', name: 'Foyer kiosk' },
      bearer: api.adminToken,
    });
    expect(device.status).toBe(201);
    expect(device.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const deviceSession = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: device.body.id, secret: device.body.secret },
    });
    expect(deviceSession.body.principal).toEqual({
      sub: device.body.id,
      groups: ['kiosk'],
      venueId: world.venueId,
      name: 'Foyer kiosk',
    });
    const wrongSecret = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: device.body.id, secret: 'guess' },
    });
    expect(wrongSecret.status).toBe(401);
    const unknownDevice = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: randomUUID(), secret: 'guess' },
    });
    expect(unknownDevice.status).toBe(401);
  });

  it('rate limits sign-in per account and per address, and hold creation per caller, with Retry-After', async () => {
    const limited = await testApi(world.services, { realRateLimits: true });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await limited.call('POST', '/v1/auth/signin', {
        body: { email: 'grace@example.com', password: `wrong guess ${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(response.body.type).toBe('https://ticketboss.dev/problems/rate_limited');
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits now: the account is being guessed at.
    const right = await limited.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'correct horse battery' },
    });
    expect(right.status).toBe(429);

    const holder = await limited.issuer.issue({ sub: 'busy-buyer', groups: [] });
    const holdStatuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const response = await limited.call('POST', `/v1/events/${world.eventId}/holds`, {
        body: { seatIds: ['MAIN-Z-1'] },
        bearer: holder,
      });
      holdStatuses.push(response.status);
    }
    expect(holdStatuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(holdStatuses.slice(60)).toEqual([429, 429]);
    // Another caller is not affected.
    const other = await limited.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-A-9'] },
      bearer: await limited.issuer.issue({ sub: 'calm-buyer', groups: [] }),
    });
    expect(other.status).toBe(201);
  });
});
