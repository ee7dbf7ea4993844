// The sandbox payment provider, the default for `npm start` and tests. It speaks the same flow as Amazon Pay
// (checkout session → the buyer approves on a page of the provider → complete for the amount → charge; refunds),
// keeps its own books in its own tables as an outside service would (they survive a crash of the API process), and
// answers a repeated call with the same idempotency key the same way. Scripted outcomes per session let tests and
// demos play a decline, a timeout (the charge is made but the answer is lost) and an outage.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/port.ts';
import type { Money } from '../../contract/index.ts';
import { formatMoney } from '../../domain/format.ts';
import { assertLocalMode, localPageCsp, type LocalOnly } from '../local-only.ts';
import {
  PaymentUnavailableError,
  type CheckoutRequest,
  type CheckoutSession,
  type CompletionRequest,
  type CompletionResult,
  type RefundRequest,
  type PaymentProvider,
} from '../../services/payments/ports.ts';

export const SANDBOX_SCENARIOS = ['approve', 'decline', 'timeout', 'unavailable'] as const;
export type SandboxScenario = (typeof SANDBOX_SCENARIOS)[number];

interface SessionRow {
  id: string;
  amount: number;
  currency: string;
  return_url: string;
  state: 'open' | 'approved' | 'declined' | 'completed';
  scenario: SandboxScenario;
  complete_calls: number;
  charge_id: string | null;
}

/** What a completion call does to its session, decided in the statement that records it. */
type CompletionOutcome = 'unavailable' | 'captured' | 'amount_differs' | 'declined' | 'not_approved' | 'charged';

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

export class SandboxPaymentProvider implements PaymentProvider {
  readonly method = 'sandbox' as const;

  /** `pageBaseUrl`: where the approval page is served (the local cloud's URL, known once it listens). */
  constructor(
    private readonly db: Db,
    private readonly pageBaseUrl: () => string,
  ) {}

  async createCheckout(input: CheckoutRequest): Promise<CheckoutSession> {
    // One round trip, and the same session for the same key: a repeated call finds the first one's row (the no-op
    // update is what makes the row come back, even when another call inserted it a moment ago).
    const session = await this.db.query<{ id: string }>(
      `INSERT INTO sandbox_sessions (id, idempotency_key, amount, currency, return_url, state)
       VALUES ($1, $2, $3, $4, $5, 'open')
       ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
       RETURNING id`,
      [newId('sbs'), input.idempotencyKey, input.amount.amount, input.amount.currency, input.returnUrl],
    );
    const id = session.rows[0]!.id;
    return { sessionId: id, redirectUrl: `${this.pageBaseUrl()}/sandbox/checkout/${id}` };
  }

  /**
   * One statement, so one round trip: the session is locked, the call counted, and what the call does decided from
   * the session as it is then (the same rules as a provider's: the first call of an `unavailable` session gets no
   * answer, a completed session answers its charge again, an amount other than the session's is declined, a
   * declined or unapproved session is declined, an approved one is charged once and completed).
   */
  async complete(input: CompletionRequest): Promise<CompletionResult> {
    const chargeId = newId('sbc');
    const found = await this.db.query<{ outcome: CompletionOutcome; charge_id: string | null; timeout: boolean }>(
      `WITH session AS (
         SELECT id, amount, currency, scenario, complete_calls, charge_id,
           CASE
             WHEN scenario = 'unavailable' AND complete_calls = 0 THEN 'unavailable'
             WHEN state = 'completed' THEN 'captured'
             WHEN amount <> $2 OR currency <> $3::text THEN 'amount_differs'
             WHEN state = 'declined' OR scenario = 'decline' THEN 'declined'
             WHEN state = 'open' THEN 'not_approved'
             ELSE 'charged'
           END AS outcome
         FROM sandbox_sessions WHERE id = $1 FOR UPDATE
       ), charge AS (
         INSERT INTO sandbox_charges (id, session_id, amount, currency)
         SELECT $4, id, amount, currency FROM session WHERE outcome = 'charged'
       ), counted AS (
         UPDATE sandbox_sessions s SET complete_calls = s.complete_calls + 1,
           state = CASE session.outcome WHEN 'charged' THEN 'completed' WHEN 'declined' THEN 'declined' ELSE s.state END,
           charge_id = CASE WHEN session.outcome = 'charged' THEN $4 ELSE s.charge_id END
         FROM session WHERE s.id = session.id
       )
       SELECT outcome, CASE WHEN outcome = 'charged' THEN $4 ELSE charge_id END AS charge_id,
         scenario = 'timeout' AND complete_calls = 0 AS timeout
       FROM session`,
      [input.sessionId, input.amount.amount, input.amount.currency, chargeId],
    );
    const session = found.rows[0];
    if (!session) return { outcome: 'declined', reason: 'unknown checkout session' };
    switch (session.outcome) {
      case 'unavailable':
        throw new PaymentUnavailableError('sandbox: the provider did not answer in time');
      case 'captured':
        return { outcome: 'captured', chargeId: session.charge_id! };
      case 'amount_differs':
        return { outcome: 'declined', reason: 'amount differs from the checkout session' };
      case 'declined':
        return { outcome: 'declined', reason: 'the card was declined' };
      case 'not_approved':
        return { outcome: 'declined', reason: 'the buyer has not approved the payment' };
      case 'charged':
        // A timeout: the charge is made, but the answer never reaches the caller.
        if (session.timeout) throw new PaymentUnavailableError('sandbox: the provider did not answer in time');
        return { outcome: 'captured', chargeId: session.charge_id! };
    }
  }

  async refund(input: RefundRequest): Promise<{ refundId: string }> {
    return this.db.transaction(async (tx) => {
      const existing = await tx.query<{ id: string }>('SELECT id FROM sandbox_refunds WHERE idempotency_key = $1', [
        input.idempotencyKey,
      ]);
      if (existing.rows[0]) return { refundId: existing.rows[0].id };
      const charge = await tx.query<{ amount: number; refunded_amount: number; currency: string }>(
        'SELECT amount, refunded_amount, currency FROM sandbox_charges WHERE id = $1 FOR UPDATE',
        [input.chargeId],
      );
      const row = charge.rows[0];
      if (!row) throw new Error(`sandbox: no charge ${input.chargeId}`);
      if (row.currency !== input.amount.currency || row.refunded_amount + input.amount.amount > row.amount) {
        throw new Error('sandbox: refund exceeds what is left of the charge');
      }
      const id = newId('sbr');
      await tx.query('INSERT INTO sandbox_refunds (id, idempotency_key, charge_id, amount) VALUES ($1, $2, $3, $4)', [
        id,
        input.idempotencyKey,
        input.chargeId,
        input.amount.amount,
      ]);
      await tx.query('UPDATE sandbox_charges SET refunded_amount = refunded_amount + $2 WHERE id = $1', [
        input.chargeId,
        input.amount.amount,
      ]);
      return { refundId: id };
    });
  }

  /** The buyer's decision on the approval page; returns where to send the buyer next. */
  async decide(
    sessionId: string,
    decision: 'approve' | 'decline',
    scenario: SandboxScenario = 'approve',
  ): Promise<string | null> {
    const result = await this.db.query<{ return_url: string }>(
      `UPDATE sandbox_sessions SET state = $2, scenario = $3 WHERE id = $1 AND state IN ('open', 'approved', 'declined')
       RETURNING return_url`,
      [sessionId, decision === 'approve' ? 'approved' : 'declined', decision === 'approve' ? scenario : 'decline'],
    );
    const returnUrl = result.rows[0]?.return_url;
    if (!returnUrl) return null;
    const url = new URL(returnUrl);
    url.searchParams.set('sessionId', sessionId);
    if (decision === 'decline') url.searchParams.set('declined', '1');
    return url.toString();
  }

  async session(sessionId: string): Promise<{ amount: Money; state: string; returnOrigin: string } | null> {
    const result = await this.db.query<SessionRow>('SELECT * FROM sandbox_sessions WHERE id = $1', [sessionId]);
    const row = result.rows[0];
    return row
      ? {
          amount: { amount: row.amount, currency: row.currency },
          state: row.state,
          returnOrigin: new URL(row.return_url).origin,
        }
      : null;
  }

  /** What the provider's books say: charges and refunds (for tests and reconciliation). */
  async ledger(): Promise<{ charges: { id: string; amount: number; refunded: number }[]; refunds: number }> {
    const charges = await this.db.query<{ id: string; amount: number; refunded_amount: number }>(
      'SELECT id, amount, refunded_amount FROM sandbox_charges ORDER BY captured_at',
    );
    const refunds = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sandbox_refunds');
    return {
      charges: charges.rows.map((c) => ({ id: c.id, amount: c.amount, refunded: c.refunded_amount })),
      refunds: refunds.rows[0]!.n,
    };
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The sandbox provider's approval page: plain forms, no script, under a strict CSP (its forms post here, and the
 * answer sends the buyer back to the shop's origin the checkout was checked against). Local mode only.
 */
export function sandboxPages(provider: SandboxPaymentProvider, options?: LocalOnly): Hono {
  assertLocalMode('The sandbox payment page', options);
  const pages = new Hono();
  pages.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', localPageCsp());
    c.res.headers.set('x-frame-options', 'DENY');
  });
  pages.get('/checkout/:sessionId', async (c) => {
    const session = await provider.session(c.req.param('sessionId'));
    if (!session) return c.html('<h1>No such checkout session</h1>', 404);
    // A form's answer may redirect only where form-action allows: here, and the shop the buyer returns to.
    c.header('content-security-policy', localPageCsp(["'self'", session.returnOrigin]));
    const amount = escapeHtml(formatMoney(session.amount));
    const action = `/sandbox/checkout/${encodeURIComponent(c.req.param('sessionId'))}`;
    const button = (decision: string, scenario: string, label: string) =>
      `<form method="post" action="${action}"><input type="hidden" name="decision" value="${decision}">` +
      `<input type="hidden" name="scenario" value="${scenario}"><button type="submit">${label}</button></form>`;
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>Sandbox payment</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem}` +
        `button{min-height:44px;min-width:44px;margin:.25rem 0;padding:.5rem 1rem;font:inherit}</style></head><body><main><h1>Sandbox payment</h1><p>Pay <strong>${amount}</strong>` +
        ` (state: ${escapeHtml(session.state)})</p>${button('approve', 'approve', 'Approve')}` +
        `${button('decline', 'decline', 'Decline')}${button('approve', 'timeout', 'Approve, then time out')}</main></body></html>`,
    );
  });
  pages.post('/checkout/:sessionId', async (c) => {
    // The page's own forms post url-encoded, read as such (a fraction of parseBody's cost: every web purchase comes
    // through here on `npm start`); anything else is parsed in full.
    const urlEncoded = c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded');
    const form = urlEncoded ? Object.fromEntries(new URLSearchParams(await c.req.text())) : await c.req.parseBody();
    const decision = form.decision === 'decline' ? 'decline' : 'approve';
    const scenario = SANDBOX_SCENARIOS.find((s) => s === form.scenario) ?? 'approve';
    const next = await provider.decide(c.req.param('sessionId'), decision, scenario);
    if (!next) return c.html('<h1>This checkout session is closed</h1>', 409);
    return c.redirect(next, 303);
  });
  return pages;
}
