// The sandbox provider's completion, beyond the payments port's contract (payment-providers.test.ts): every call is
// counted in its books, each scripted scenario plays as the demos and crash tests expect, and completions racing on
// one session (real Postgres: separate connections) make one charge between them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { SandboxPaymentProvider, type SandboxScenario } from '../../cloud/adapters/payments/sandbox.ts';
import { PaymentUnavailableError } from '../../cloud/services/payments/ports.ts';
import type { Db } from '../../cloud/db/port.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe.each(dbKinds())('sandbox completion on %s', (kind) => {
  let db: Db;
  let sandbox: SandboxPaymentProvider;
  let sessions = 0;

  beforeAll(async () => {
    db = await freshDb(kind, { maxConnections: 8 });
    sandbox = new SandboxPaymentProvider(db, () => 'http://localhost:8080');
  });
  afterAll(async () => db.close());

  /** A new session for 42.50 €, decided on its page as given (none: left open). */
  const session = async (decision?: 'approve' | 'decline', scenario?: SandboxScenario) => {
    const { sessionId } = await sandbox.createCheckout({
      amount: eur(4250),
      idempotencyKey: `key_${kind}_${++sessions}`,
      returnUrl: 'https://shop.example/back',
      reference: 'TB-TEST-0001',
    });
    if (decision) await sandbox.decide(sessionId, decision, scenario);
    return sessionId;
  };
  const complete = (sessionId: string, amount = 4250) =>
    sandbox.complete({ sessionId, amount: eur(amount), idempotencyKey: `complete_${sessionId}` });
  const books = async (sessionId: string) => {
    const { rows } = await db.query<{
      state: string;
      complete_calls: number;
      charge_id: string | null;
      charges: number;
    }>(
      `SELECT state, complete_calls, charge_id,
         (SELECT count(*)::int FROM sandbox_charges WHERE session_id = s.id) AS charges
       FROM sandbox_sessions s WHERE id = $1`,
      [sessionId],
    );
    return rows[0]!;
  };

  it('charges an approved session once, counts every call, and answers the same charge again', async () => {
    const id = await session('approve');
    const first = await complete(id);
    expect(first).toEqual({ outcome: 'captured', chargeId: expect.stringMatching(/^sbc_/) });
    expect(await complete(id)).toEqual(first);
    expect(await books(id)).toEqual({
      state: 'completed',
      complete_calls: 2,
      charge_id: first.outcome === 'captured' ? first.chargeId : null,
      charges: 1,
    });
  });

  it('declines an unknown, unapproved, declined or differently priced session, and charges none', async () => {
    expect(await complete('sbs_nothing')).toEqual({ outcome: 'declined', reason: 'unknown checkout session' });
    const open = await session();
    expect(await complete(open)).toEqual({ outcome: 'declined', reason: 'the buyer has not approved the payment' });
    expect(await books(open)).toMatchObject({ state: 'open', complete_calls: 1, charges: 0 });
    const declined = await session('decline');
    expect(await complete(declined)).toEqual({ outcome: 'declined', reason: 'the card was declined' });
    expect(await books(declined)).toMatchObject({ state: 'declined', complete_calls: 1, charges: 0 });
    const approved = await session('approve');
    expect(await complete(approved, 4000)).toEqual({
      outcome: 'declined',
      reason: 'amount differs from the checkout session',
    });
    // The wrong amount leaves the session as it was: the right one is charged after it.
    expect(await books(approved)).toMatchObject({ state: 'approved', complete_calls: 1, charges: 0 });
    expect(await complete(approved)).toMatchObject({ outcome: 'captured' });
  });

  it('plays an outage (no answer, no charge) and a timeout (charged, the answer lost) on the first call only', async () => {
    const down = await session('approve', 'unavailable');
    await expect(complete(down)).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(await books(down)).toMatchObject({ state: 'approved', complete_calls: 1, charges: 0 });
    expect(await complete(down)).toMatchObject({ outcome: 'captured' });
    const slow = await session('approve', 'timeout');
    await expect(complete(slow)).rejects.toBeInstanceOf(PaymentUnavailableError);
    const charged = await books(slow);
    expect(charged).toMatchObject({ state: 'completed', complete_calls: 1, charges: 1 });
    expect(await complete(slow)).toEqual({ outcome: 'captured', chargeId: charged.charge_id });
  });

  it('completions racing on one session make one charge, and all of them answer it', async () => {
    const id = await session('approve');
    const results = await Promise.all(Array.from({ length: 6 }, () => complete(id)));
    const charges = new Set(results.map((r) => (r.outcome === 'captured' ? r.chargeId : r.outcome)));
    expect(charges.size).toBe(1);
    expect(await books(id)).toMatchObject({ state: 'completed', complete_calls: 6, charges: 1 });
  });
});
