// accounts (issue 19): guest orders claimed into the account of the same email, through the HTTP API. Only a proven
// email (the sign-up's confirmation link, or a password reset link, opened) lists or claims; another email's orders are
// never shown nor taken, whatever the caller sends; each claim is in the order's audit trail; and the account's order
// shows each ticket's state, a used one with when the door admitted it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { insertUser } from '../../../cloud/db/identity.ts';
import { hashPassword } from '../../../cloud/services/identity/passwords.ts';
import { Inbox } from '../../support/inbox.ts';

const RETURN_URL = 'https://shop.example/checkout/return';
const PASSWORD = 'a long enough password';

describe.each(dbKinds())('order claims on %s', (kind) => {
  const inbox = new Inbox();
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { email: inbox });
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  /** A guest's web order paid through the sandbox (`pay: false` leaves it unpaid). */
  const buyAsGuest = async (seatIds: string[], email: string, pay = true, bearer?: string) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, bearer });
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email, name: 'Guest Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      holdToken: hold.body.token,
      idempotencyKey: randomUUID(),
      bearer,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const order = created.body as {
      id: string;
      code: string;
      accessToken: string;
      payments: { redirectUrl: string }[];
    };
    if (!pay) return { ...order, tickets: [] as { id: string; code: string }[] };
    await world.sandbox.decide(order.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve', 'approve');
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return { ...order, tickets: paid.body.tickets as { id: string; code: string }[] };
  };

  /** Signs up through the emailed confirmation link: the account's email is proven by it. */
  const signUpConfirmed = async (email: string): Promise<{ token: string; sub: string }> => {
    expect(
      (await api.call('POST', '/v1/auth/signup', { body: { email, password: PASSWORD, name: 'Ada' } })).status,
    ).toBe(202);
    await world.services.outbox.runDue(100);
    const confirmed = await api.call('POST', '/v1/auth/signup/confirm', {
      body: { token: inbox.linkTo(email, 'signup/confirm') },
    });
    expect(confirmed.status).toBe(201);
    return { token: confirmed.body.accessToken, sub: confirmed.body.principal.sub };
  };

  const claimable = (bearer: string) => api.call('GET', '/v1/me/order-claims', { bearer });
  const claim = (bearer: string, body: object = {}) => api.call('POST', '/v1/me/order-claims', { body, bearer });

  it('a confirmed account sees the guest orders bought with its email (in any case), claims them once, audited', async () => {
    const first = await buyAsGuest(['MAIN-A-1', 'MAIN-A-2'], 'Grace.Claims@Example.com');
    const second = await buyAsGuest(['MAIN-A-3'], 'grace.claims@example.com');
    const unpaid = await buyAsGuest(['MAIN-A-4'], 'grace.claims@example.com', false);
    const strangers = await buyAsGuest(['MAIN-A-5'], 'someone.else@example.com');
    const account = await signUpConfirmed('grace.claims@example.com');

    const listed = await claimable(account.token);
    expect(listed.status).toBe(200);
    expect(listed.body.emailVerified).toBe(true);
    expect(listed.body.orders.map((order: { id: string }) => order.id).sort()).toEqual([first.id, second.id].sort());
    const listedIds = listed.body.orders.map((order: { id: string }) => order.id);
    expect(listedIds).not.toContain(unpaid.id);
    expect(listedIds).not.toContain(strangers.id);
    expect((await api.call('GET', '/v1/me/orders', { bearer: account.token })).body.orders).toEqual([]);

    const claimed = await claim(account.token);
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimed.map((order: { code: string }) => order.code).sort()).toEqual(
      [first.code, second.code].sort(),
    );
    const mine = await api.call('GET', '/v1/me/orders', { bearer: account.token });
    expect(mine.body.orders.map((order: { id: string }) => order.id).sort()).toEqual([first.id, second.id].sort());
    // The account now opens the order without its link's token.
    const opened = await api.call('GET', `/v1/orders/${first.id}`, { bearer: account.token });
    expect(opened.status).toBe(200);
    expect(opened.body.tickets).toHaveLength(2);

    // Nothing is left to claim, and claiming again takes nothing.
    expect((await claimable(account.token)).body.orders).toEqual([]);
    expect((await claim(account.token)).body.claimed).toEqual([]);

    // Each claim is in the order's audit trail: who (the customer, by the proven address), which order, its venue.
    const audit = await db.query<{ actor_sub: string; actor_email: string; actor_role: string; venue_id: string }>(
      `SELECT actor_sub, actor_email, actor_role, venue_id FROM audit_log WHERE action = 'order.claim' AND object_id = $1`,
      [first.id],
    );
    expect(audit.rows).toEqual([
      {
        actor_sub: account.sub,
        actor_email: 'grace.claims@example.com',
        actor_role: 'customer',
        venue_id: world.venueId,
      },
    ]);
    // The back office's order page shows it in the order's history.
    const page = await api.call('GET', `/v1/admin/orders/${first.id}`, { bearer: api.adminToken });
    expect(page.body.history).toContainEqual(
      expect.objectContaining({
        actor: 'grace.claims@example.com',
        action: 'order.claim',
        summary: `Order ${first.code} claimed into the account of grace.claims@example.com`,
      }),
    );
  });

  it("another email's orders are never shown nor taken, even when the caller names them", async () => {
    const theirs = await buyAsGuest(['MAIN-B-1'], 'owner.of.b@example.com');
    const intruder = await signUpConfirmed('intruder@example.com');
    expect((await claimable(intruder.token)).body).toEqual({ emailVerified: true, confirmable: false, orders: [] });
    const named = await claim(intruder.token, { orderIds: [theirs.id] });
    expect(named.status).toBe(200);
    expect(named.body.claimed).toEqual([]);
    expect((await api.call('GET', `/v1/orders/${theirs.id}`, { bearer: intruder.token })).status).toBe(404);
    // The token's email claim is not what counts: a token naming the buyer's email without an account claims nothing.
    const forged = await api.issuer.issue({ sub: randomUUID(), email: 'owner.of.b@example.com', groups: [] });
    expect((await claimable(forged)).body).toEqual({ emailVerified: false, confirmable: false, orders: [] });
    expect((await claim(forged)).status).toBe(403);
    // The order is still the guest's: its owner's account claims it.
    const owner = await signUpConfirmed('owner.of.b@example.com');
    expect((await claim(owner.token, { orderIds: [theirs.id] })).body.claimed).toHaveLength(1);
  });

  it('an account whose email is not proven lists nothing and may not claim (403), until a reset link proves it', async () => {
    const email = 'unproven@example.com';
    const order = await buyAsGuest(['MAIN-B-2'], email);
    const id = randomUUID();
    await insertUser(db, {
      id,
      email,
      password_hash: await hashPassword(PASSWORD),
      name: 'Old Account',
      groups: [],
      venue_id: null,
    });
    const signedIn = await api.call('POST', '/v1/auth/signin', { body: { email, password: PASSWORD } });
    const token = signedIn.body.accessToken as string;
    // Its owner is told a reset link would prove the email (an account of ours, unlike a forged token's).
    expect((await claimable(token)).body).toEqual({ emailVerified: false, confirmable: true, orders: [] });
    const refused = await claim(token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.type).toBe('https://ticketboss.dev/problems/email_unverified');

    expect((await api.call('POST', '/v1/auth/password-reset', { body: { email } })).status).toBe(202);
    await world.services.outbox.runDue(100);
    const reset = await api.call('POST', '/v1/auth/password', {
      // A customer's reset link opens the shop's page, not the back office's.
      body: { token: inbox.linkTo(email, 'password/reset'), password: 'another long password' },
    });
    expect(reset.status).toBe(204);
    // The reset cut off the tokens issued until now: sign in again, a moment later.
    world.clock.advance(1000);
    const again = await api.call('POST', '/v1/auth/signin', { body: { email, password: 'another long password' } });
    const fresh = again.body.accessToken as string;
    expect((await claimable(fresh)).body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await claim(fresh)).body.claimed).toHaveLength(1);
  });

  it('staff and not signed in: nothing to claim, or 401', async () => {
    expect((await claimable(api.adminToken)).body).toEqual({ emailVerified: false, confirmable: false, orders: [] });
    expect((await api.call('GET', '/v1/me/order-claims')).status).toBe(401);
    expect((await api.call('POST', '/v1/me/order-claims', { body: {} })).status).toBe(401);
    const account = await signUpConfirmed('bad.ids@example.com');
    const bad = await claim(account.token, { orderIds: ['not-a-uuid'] });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('https://ticketboss.dev/problems/validation_failed');
  });

  it("the account's order shows each ticket's state; a used ticket says when the door admitted it", async () => {
    const order = await buyAsGuest(['MAIN-C-1', 'MAIN-C-2'], 'door.goer@example.com');
    const account = await signUpConfirmed('door.goer@example.com');
    await claim(account.token);
    const door = await api.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
    const scanned = await api.call('POST', '/v1/scans', {
      body: { code: order.tickets[0]!.code, gate: 'North' },
      bearer: door,
    });
    expect(scanned.body.result).toBe('admitted');
    const seen = await api.call('GET', `/v1/orders/${order.id}`, { bearer: account.token });
    const byId = new Map(seen.body.tickets.map((t: { id: string }) => [t.id, t]));
    expect(byId.get(order.tickets[0]!.id)).toMatchObject({ status: 'valid', usedAt: scanned.body.usedAt });
    expect(byId.get(order.tickets[1]!.id)).toMatchObject({ status: 'valid', usedAt: null });
  });

  it("staff changing a claimed order's buyer email take it out of the account, audited; a signed-in buy stays", async () => {
    const order = await buyAsGuest(['MAIN-C-3'], 'first.owner@example.com');
    const account = await signUpConfirmed('first.owner@example.com');
    expect((await claim(account.token)).body.claimed).toHaveLength(1);
    const changeEmail = (id: string, email: string) =>
      api.call('PUT', `/v1/admin/orders/${id}/buyer-email`, { bearer: api.adminToken, body: { email } });

    // The same address in other letters: the claim still stands.
    expect((await changeEmail(order.id, 'First.Owner@Example.com')).status).toBe(200);
    expect((await api.call('GET', `/v1/orders/${order.id}`, { bearer: account.token })).status).toBe(200);

    expect((await changeEmail(order.id, 'new.owner@example.com')).status).toBe(200);
    expect((await api.call('GET', '/v1/me/orders', { bearer: account.token })).body.orders).toEqual([]);
    expect((await api.call('GET', `/v1/orders/${order.id}`, { bearer: account.token })).status).toBe(404);
    const page = await api.call('GET', `/v1/admin/orders/${order.id}`, { bearer: api.adminToken });
    expect(page.body.history).toContainEqual(
      expect.objectContaining({
        action: 'order.unclaim',
        summary: `Order ${order.code} taken out of the account it was claimed into: its buyer's email changed`,
      }),
    );
    const audit = await db.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE action = 'order.unclaim' AND object_id = $1`,
      [order.id],
    );
    expect(audit.rows).toEqual([{ before: { customerSub: account.sub }, after: { customerSub: null } }]);
    // Neither the old account claims it again, nor is it lost: the new address's owner may claim it.
    expect((await claim(account.token)).body.claimed).toEqual([]);
    const newOwner = await signUpConfirmed('new.owner@example.com');
    expect((await claim(newOwner.token)).body.claimed.map((o: { id: string }) => o.id)).toEqual([order.id]);

    // An order bought while signed in was never claimed: its account keeps it whatever the email says.
    const customer = await api.issuer.issue({ sub: randomUUID(), email: 'signed.in@example.com', groups: [] });
    const bought = await buyAsGuest(['MAIN-C-4'], 'signed.in@example.com', true, customer);
    expect((await changeEmail(bought.id, 'elsewhere@example.com')).status).toBe(200);
    expect((await api.call('GET', `/v1/orders/${bought.id}`, { bearer: customer })).status).toBe(200);
  });

  // Last: it moves the clock past the hold, which would expire the tokens the tests above hold.
  it('an abandoned checkout (cancelled after its hold ran out, never paid) is neither offered nor claimed', async () => {
    const email = 'left.behind@example.com';
    const abandoned = await buyAsGuest(['MAIN-D-1'], email, false);
    world.clock.advance(16 * 60_000 + 600_000);
    expect(await world.services.orders.abandoned.cancel()).toBeGreaterThanOrEqual(1);
    const cancelled = await db.query<{ state: string }>('SELECT state FROM orders WHERE id = $1', [abandoned.id]);
    expect(cancelled.rows[0]!.state).toBe('cancelled');
    const bought = await buyAsGuest(['MAIN-D-2'], email);

    const account = await signUpConfirmed(email);
    expect((await claimable(account.token)).body.orders.map((o: { id: string }) => o.id)).toEqual([bought.id]);
    // Naming it does not take it either.
    expect((await claim(account.token, { orderIds: [abandoned.id] })).body.claimed).toEqual([]);
    expect((await claim(account.token)).body.claimed.map((o: { id: string }) => o.id)).toEqual([bought.id]);
    const owner = await db.query<{ customer_sub: string | null }>('SELECT customer_sub FROM orders WHERE id = $1', [
      abandoned.id,
    ]);
    expect(owner.rows[0]!.customer_sub).toBeNull();
  });
});
