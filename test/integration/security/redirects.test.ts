// No open redirect and local-only pages (issue 21): a payment's return address off the shop's origins is refused with
// a 400 problem naming the field (at checkout and on a new payment attempt), and nothing is written; the sandbox
// payment page and the local mailbox carry a strict CSP, refuse to be built outside local mode, and no module the
// Lambdas load can reach them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOutboxSender } from '../../../cloud/adapters/email/local-outbox.ts';
import { SandboxPaymentProvider, sandboxPages } from '../../../cloud/adapters/payments/sandbox.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { serveMailbox } from '../../../cloud/local/mailbox.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { startTestCloud } from '../../support/local-cloud.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

/** Return addresses a stranger might slip in; the world's shops are https://shop.test, shop.example, a.example. */
const FOREIGN = [
  'https://evil.example/checkout/return',
  'https://shop.test.evil.example/checkout/return',
  'https://shop.test@evil.example/checkout/return',
  'http://shop.test/checkout/return',
  'https://shop.test:8443/checkout/return',
];

describe('return addresses are checked against the shop origins', () => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  const checkout = (held: { id: string; token: string }, returnUrl: string) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId: held.id,
        buyer: { email: 'buyer@example.com', name: 'Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl },
      },
      holdToken: held.token,
      idempotencyKey: randomUUID(),
    });

  it('refuses a checkout and a new payment attempt that would send the buyer elsewhere (400, the field named)', async () => {
    const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-1'] } });
    expect(held.status).toBe(201);
    for (const returnUrl of FOREIGN) {
      const refused = await checkout(held.body, returnUrl);
      expect({ returnUrl, status: refused.status }).toEqual({ returnUrl, status: 400 });
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.type).toBe('https://ticketboss.dev/problems/validation_failed');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'payment.returnUrl' })]);
    }
    // Nothing was written: the hold is still free to check out, back to the shop.
    const order = await checkout(held.body, 'https://shop.test/checkout/return');
    expect(order.status).toBe(201);
    expect(order.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\//);

    const retry = await api.call('POST', `/v1/orders/${order.body.id}/payments`, {
      body: { method: 'sandbox', returnUrl: 'https://evil.example/' },
      orderToken: order.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(retry.status).toBe(400);
    expect(retry.body.errors).toEqual([expect.objectContaining({ field: 'returnUrl' })]);
    const payments = await db.query('SELECT 1 FROM payments WHERE order_id = $1', [order.body.id]);
    expect(payments.rowCount).toBe(1);
  });
});

describe('the local-only pages', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
  });
  afterAll(async () => cloud?.close());

  it('the sandbox payment page and the mailbox send a strict CSP; the page returns the buyer to the shop only', async () => {
    const session = await cloud.sandbox.createCheckout({
      amount: { amount: 1200, currency: 'EUR' },
      idempotencyKey: randomUUID(),
      returnUrl: `${cloud.url}/checkout/return?orderId=o1`,
      reference: 'TEST',
    });
    const page = await fetch(session.redirectUrl);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${cloud.url}`);
    expect(csp).not.toContain('script-src');
    const missing = await fetch(`${cloud.url}/sandbox/checkout/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
    const approved = await fetch(session.redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'approve', scenario: 'approve' }),
      redirect: 'manual',
    });
    expect(approved.status).toBe(303);
    expect(new URL(approved.headers.get('location')!).origin).toBe(cloud.url);

    for (const path of ['/dev/mailbox', '/dev/mailbox/no-such.eml']) {
      const mailbox = await fetch(cloud.url + path);
      expect(mailbox.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(mailbox.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('accepts a shop on this machine by any loopback name on its port (window.location.origin of localhost:8080)', () => {
    const port = new URL(cloud.url).port;
    const returnTo = (origin: string) => () =>
      cloud.services.payments.assertReturnUrl(
        { method: 'sandbox', returnUrl: `${origin}/checkout/return` },
        'payment.returnUrl',
      );
    for (const name of ['localhost', '127.0.0.1', '[::1]']) expect(returnTo(`http://${name}:${port}`)).not.toThrow();
    expect(returnTo(`http://localhost:${Number(port) + 1}`)).toThrow(/must be an address of this shop/);
    expect(returnTo(`https://localhost:${port}`)).toThrow(/must be an address of this shop/);
  });

  it('refuse to be built outside local mode, and inside a Lambda even when told it is local', () => {
    const provider = new SandboxPaymentProvider(cloud.services.db, () => cloud.url);
    const outbox = new LocalOutboxSender(mkdtempSync(join(tmpdir(), 'ticketboss-mailbox-')));
    expect(() => sandboxPages(provider)).toThrow(/local server only/);
    expect(() => serveMailbox(new Hono(), outbox)).toThrow(/local server only/);
    // @ts-expect-error -- a caller that is not the local server cannot say false and get the pages
    expect(() => sandboxPages(provider, { localMode: false })).toThrow(/local server only/);
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'ticketboss-api';
    try {
      expect(() => sandboxPages(provider, { localMode: true })).toThrow(/never runs in a Lambda/);
      expect(() => serveMailbox(new Hono(), outbox, { localMode: true })).toThrow(/never runs in a Lambda/);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    }
  });

  it('no module a Lambda loads can reach them: the import graph from cloud/lambda never meets sandboxPages or the mailbox', () => {
    const root = resolve(import.meta.dirname, '../../../cloud');
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+\.ts)'/g)) {
        walk(resolve(dirname(file), specifier!));
      }
    };
    const lambdas = join(root, 'lambda');
    for (const entry of readdirSync(lambdas).filter((name) => name.endsWith('.ts'))) walk(join(lambdas, entry));
    expect(seen.size).toBeGreaterThan(50);
    const reached = [...seen].map((file) => file.slice(root.length + 1));
    expect(reached).not.toContain('local/mailbox.ts');
    expect(reached.filter((file) => file.startsWith('local/'))).toEqual([]);
    const mounting = [...seen].filter((file) => /sandboxPages\(|serveMailbox\(/.test(readFileSync(file, 'utf8')));
    expect(
      mounting.map((file) => file.slice(root.length + 1)).filter((f) => f !== 'adapters/payments/sandbox.ts'),
    ).toEqual([]);
  });
});
