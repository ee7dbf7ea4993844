// accounts (issue 19): a customer of the user pool (Cognito in AWS) has no account row here and its access token no
// email, so its proven email is asked of the pool (AdminGetUser by its subject, through the directory port): only a
// confirmed, enabled user whose `email_verified` is true lists and claims the guest orders bought with that address.
// The real SDK client against the local Cognito stand-in.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoStaffDirectory } from '../../../cloud/adapters/identity/cognito-staff-directory.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { FakeCognito } from '../../support/fake-cognito.ts';
import { buildWorld, type World } from '../../support/world.ts';

const RETURN_URL = 'https://shop.example/checkout/return';

describe('order claims of a user pool customer', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let cognito: FakeCognito;

  beforeAll(async () => {
    db = await freshDb('pglite');
    cognito = await FakeCognito.start();
    world = await buildWorld(db, { staffDirectory: new CognitoStaffDirectory(cognito.client(), 'eu-west-1_Pool') });
    api = await testApi(world.services);
  });
  afterAll(async () => {
    await cognito.stop();
    await db.close();
  });

  const buyAsGuest = async (seatId: string, email: string) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: [seatId] } });
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email, name: 'Guest Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      holdToken: hold.body.token,
      idempotencyKey: randomUUID(),
    });
    const order = created.body as { id: string; accessToken: string; payments: { redirectUrl: string }[] };
    await world.sandbox.decide(order.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve', 'approve');
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return order;
  };
  /** The pool's user signed in: its token names its subject (the token's email is not what counts). */
  const signedIn = (email: string, attributes: Record<string, string>, status = 'CONFIRMED') => {
    const user = cognito.addUser(email, { status, attributes: { email, ...attributes } });
    return api.issuer.issue({ sub: user.sub, email: 'anyone@example.com', groups: [] });
  };
  const claimable = (bearer: string) => api.call('GET', '/v1/me/order-claims', { bearer });
  const claim = (bearer: string) => api.call('POST', '/v1/me/order-claims', { body: {}, bearer });

  it('a confirmed pool customer with a verified email lists and claims the guest orders of that email, audited', async () => {
    const order = await buyAsGuest('MAIN-A-1', 'Pool.Buyer@example.com');
    const strangers = await buyAsGuest('MAIN-A-2', 'anyone@example.com');
    const from = cognito.calls.length;
    const token = await signedIn('pool.buyer@example.com', { email_verified: 'true' });
    const listed = await claimable(token);
    expect(listed.body.emailVerified).toBe(true);
    expect(listed.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(cognito.operationsSince(from)).toEqual(['AdminGetUser']);
    expect(cognito.calls.at(-1)!.body).toMatchObject({ UserPoolId: 'eu-west-1_Pool' });

    expect((await claim(token)).body.claimed.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const mine = await api.call('GET', '/v1/me/orders', { bearer: token });
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await api.call('GET', `/v1/orders/${strangers.id}`, { bearer: token })).status).toBe(404);
    const audit = await db.query<{ actor_email: string }>(
      `SELECT actor_email FROM audit_log WHERE action = 'order.claim' AND object_id = $1`,
      [order.id],
    );
    expect(audit.rows).toEqual([{ actor_email: 'pool.buyer@example.com' }]);
  });

  it('an unverified, unconfirmed, disabled or unknown pool user lists nothing and may not claim', async () => {
    await buyAsGuest('MAIN-B-1', 'not.yet@example.com');
    await buyAsGuest('MAIN-B-2', 'unconfirmed@example.com');
    await buyAsGuest('MAIN-B-3', 'disabled@example.com');
    const disabled = await signedIn('disabled@example.com', { email_verified: 'true' });
    cognito.users.get('disabled@example.com')!.enabled = false;
    const tokens = [
      await signedIn('not.yet@example.com', { email_verified: 'false' }),
      await signedIn('unconfirmed@example.com', { email_verified: 'true' }, 'UNCONFIRMED'),
      disabled,
      await api.issuer.issue({ sub: randomUUID(), email: 'not.yet@example.com', groups: [] }),
    ];
    for (const token of tokens) {
      expect((await claimable(token)).body).toEqual({ emailVerified: false, confirmable: false, orders: [] });
      const refused = await claim(token);
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('https://ticketboss.dev/problems/email_unverified');
    }
  });
});
