// The payments port's contract, run against both adapters: the sandbox (its own tables, on PGlite) and Amazon Pay
// (the official SDK's signing, against a stand-in of Amazon's API that checks every signature). Same behaviour:
// sessions and refunds are idempotent per key, a completion charges once however often it is called, a decline is
// an outcome, an outage is PaymentUnavailableError.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../support/databases.ts';
import { FakeAmazonPay } from '../support/fake-amazon-pay.ts';
import { SandboxPaymentProvider } from '../../cloud/adapters/payments/sandbox.ts';
import { AmazonPayProvider, toAmazonAmount } from '../../cloud/adapters/payments/amazon-pay.ts';
import { PaymentUnavailableError, type PaymentProvider } from '../../cloud/services/payments/ports.ts';
import type { Db } from '../../cloud/db/port.ts';

interface Harness {
  provider: PaymentProvider;
  approve(sessionId: string): Promise<void>;
  decline(sessionId: string): Promise<void>;
  /** The provider answers the next call as if it were down. */
  outage(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

const harnesses: Record<string, () => Promise<Harness>> = {
  sandbox: async () => {
    const db: Db = await freshDb('pglite');
    const provider = new SandboxPaymentProvider(db, () => 'http://localhost:8080');
    return {
      provider,
      approve: async (id) => void (await provider.decide(id, 'approve')),
      decline: async (id) => void (await provider.decide(id, 'decline')),
      outage: async (id) => void (await provider.decide(id, 'approve', 'unavailable')),
      close: () => db.close(),
    };
  },
  'amazon pay': async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const fake = new FakeAmazonPay(publicKey);
    await fake.start();
    const provider = new AmazonPayProvider({
      publicKeyId: 'SANDBOX-AFAKEKEYID',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      region: 'eu',
      sandbox: true,
      storeId: 'amzn1.application-oa2-client.test',
      baseUrl: fake.url,
      timeoutMs: 2000,
    });
    return {
      provider,
      approve: async (id) => fake.approve(id),
      decline: async (id) => fake.decline(id),
      outage: async () => void (fake.outage = 1),
      close: async () => {
        expect(fake.badSignatures).toBe(0);
        await fake.stop();
      },
    };
  },
};

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe.each(Object.keys(harnesses))('payment provider contract: %s', (name) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harnesses[name]!();
  });
  afterAll(async () => h.close());

  const checkout = (key: string, amount = 4250) =>
    h.provider.createCheckout({
      amount: eur(amount),
      idempotencyKey: key,
      returnUrl: 'https://shop.example/back',
      reference: 'TB-TEST-0001',
    });

  it('creates one checkout session per idempotency key, with a page for the buyer', async () => {
    const first = await checkout('key_session_1');
    const again = await checkout('key_session_1');
    const other = await checkout('key_session_2');
    expect(again.sessionId).toBe(first.sessionId);
    expect(other.sessionId).not.toBe(first.sessionId);
    expect(first.redirectUrl).toMatch(/^https?:\/\//);
  });

  it('completes an approved session once: repeated completions (any key) return the same charge', async () => {
    const session = await checkout('key_session_3');
    await h.approve(session.sessionId);
    const complete = (key: string) =>
      h.provider.complete({ sessionId: session.sessionId, amount: eur(4250), idempotencyKey: key });
    const first = await complete('key_complete_3');
    expect(first).toEqual({ outcome: 'captured', chargeId: expect.any(String) });
    expect(await complete('key_complete_3')).toEqual(first);
    expect(await complete('key_complete_3b')).toEqual(first);
  });

  it('reports a declined or never-approved session as declined, not as an error', async () => {
    const declined = await checkout('key_session_4');
    await h.decline(declined.sessionId);
    expect(
      await h.provider.complete({ sessionId: declined.sessionId, amount: eur(4250), idempotencyKey: 'key_c4' }),
    ).toMatchObject({
      outcome: 'declined',
    });
    const unapproved = await checkout('key_session_5');
    expect(
      await h.provider.complete({ sessionId: unapproved.sessionId, amount: eur(4250), idempotencyKey: 'key_c5' }),
    ).toMatchObject({
      outcome: 'declined',
    });
  });

  it('refunds in parts, once per key, never more than was charged', async () => {
    const session = await checkout('key_session_6', 3000);
    await h.approve(session.sessionId);
    const charge = await h.provider.complete({
      sessionId: session.sessionId,
      amount: eur(3000),
      idempotencyKey: 'key_c6',
    });
    if (charge.outcome !== 'captured') throw new Error('not captured');
    const refund = (key: string, amount: number) =>
      h.provider.refund({ chargeId: charge.chargeId, amount: eur(amount), idempotencyKey: key });
    const first = await refund('key_refund_6a', 1000);
    expect(await refund('key_refund_6a', 1000)).toEqual(first);
    await refund('key_refund_6b', 2000);
    await expect(refund('key_refund_6c', 1)).rejects.toThrow();
  });

  it('an outage is PaymentUnavailableError; the retry with the same key succeeds', async () => {
    const session = await checkout('key_session_7');
    await h.approve(session.sessionId);
    await h.outage(session.sessionId);
    const complete = () =>
      h.provider.complete({ sessionId: session.sessionId, amount: eur(4250), idempotencyKey: 'key_c7' });
    await expect(complete()).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(await complete()).toMatchObject({ outcome: 'captured' });
  });
});

describe('amazon pay amounts', () => {
  it('are decimal strings in the currency exponent', () => {
    expect(toAmazonAmount({ amount: 4250, currency: 'EUR' })).toEqual({ amount: '42.50', currencyCode: 'EUR' });
    expect(toAmazonAmount({ amount: 5, currency: 'GBP' })).toEqual({ amount: '0.05', currencyCode: 'GBP' });
    expect(toAmazonAmount({ amount: 1200, currency: 'JPY' })).toEqual({ amount: '1200', currencyCode: 'JPY' });
    // Three-decimal currencies: 12.500 KWD, not 125.00.
    expect(toAmazonAmount({ amount: 12_500, currency: 'KWD' })).toEqual({ amount: '12.500', currencyCode: 'KWD' });
  });
});
