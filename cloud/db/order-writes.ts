// The checkout's statements, each doing in one round trip what would otherwise take several: on the on-sale's
// hardware every round trip to Postgres is dear, and a single statement is atomic without a BEGIN and COMMIT of its
// own. What the hold, the order, its payment and the Idempotency-Key record mean is in their own modules; this file
// only puts their writes together.
import {
  claimStep,
  idempotentAnswerParams,
  saveIdempotentResponseSql,
  type IdempotentAnswer,
  type KeyClaim,
} from './idempotency.ts';
import type { HoldRow } from './inventory/holds.ts';
import { orderValues, type NewOrderRow } from './orders.ts';
import { paymentValues, type PaymentRow } from './payments.ts';
import type { Queryable } from './port.ts';
import type { SaleGateRow, SalesChannelName } from './sales-windows.ts';

/** Which Idempotency-Key's row a statement writes to. */
export interface KeyEntry {
  scope: string;
  key: string;
}

/**
 * A hold with what a sale through `channel` reads of its event (the settings stamp and the channel's window, as
 * readSaleGate reads them), in one round trip. Null when there is no such hold; `gate` is null when its event is gone.
 * With `claim`, the same statement claims the request's key (a read otherwise): `claimed` says whether it did.
 */
export async function readHoldForSale(
  db: Queryable,
  holdId: string,
  channel: SalesChannelName,
  claim?: KeyClaim,
): Promise<{ found: { hold: HoldRow; version: string; gate: SaleGateRow | null } | null; claimed: boolean }> {
  const step = claimStep(claim, 2);
  // The claim's row answers even when there is no such hold.
  const result = await db.query<
    Partial<HoldRow> & {
      version: string;
      settings_version: string | null;
      opens_at: Date | null;
      closes_at: Date | null;
      claimed: boolean;
    }
  >(
    `${step.cte ? `WITH ${step.cte} ` : ''}SELECT x.*, ${step.claimed} AS claimed
     FROM (SELECT 1) one LEFT JOIN (
       SELECT h.id, h.event_id, h.token_hash, h.owner_sub, h.state, h.seat_nos, h.ga_section_id, h.ga_quantity,
         h.total_amount, h.currency, h.expires_at, h.extended, h.created_at, h.kind, h.presale_code_id,
         h.queue_admitted, h.xmin::text AS version, e.settings_version, w.opens_at, w.closes_at
       FROM holds h
       LEFT JOIN events e ON e.id = h.event_id
       LEFT JOIN event_sales_windows w ON w.event_id = h.event_id AND w.channel = $2
       WHERE h.id = $1) x ON true`,
    [holdId, channel, ...step.params],
  );
  const { settings_version, opens_at, closes_at, claimed, version, ...hold } = result.rows[0]!;
  if (!hold.id) return { found: null, claimed };
  return {
    found: {
      hold: hold as HoldRow,
      version,
      gate:
        settings_version === null
          ? null
          : {
              settings_version: Number(settings_version),
              window: opens_at && closes_at ? { channel, opens_at, closes_at } : null,
            },
    },
    claimed,
  };
}

/** What the hold was when the order was written (the order exists only if it was active and had not run out). */
export interface OrderHoldState {
  state: HoldRow['state'];
  expires_at: Date;
  extended: boolean;
  /** Where its expiry moved to, when this statement extended it (the first time it entered payment). */
  extended_to: Date | null;
  /** Whether the statement stored the answer it was given (see writeOrder). */
  answered: boolean;
}

/**
 * The request's answer, to be stored by the order's statement on the key's row, made from the hold as read
 * (readHoldForSale) at `holdVersion`: stored only if the order is written and the hold is still that version, so the
 * hold's expiry the answer shows is the one written.
 */
export type OrderAnswer = IdempotentAnswer & { holdVersion: string };

/**
 * Writes an order from an active hold in one statement: locks the hold, extends it once (with its seats' copy of the
 * expiry, as extendHoldExpiry does) so a buyer who is paying does not lose the seats mid-payment, inserts the order
 * and its first payment and records the order on the Idempotency-Key — all only if the hold is active and has not run
 * out at `now`. Answers what the hold was (null: no such hold) for the caller to refuse with; a second order for the
 * hold fails with a unique violation. Alone it is atomic; in a transaction it is one step of it.
 */
export async function writeOrder(
  db: Queryable,
  input: {
    order: NewOrderRow;
    payment: PaymentRow;
    extendTo: Date;
    now: Date;
    key: KeyEntry | null;
    answer?: OrderAnswer;
  },
): Promise<OrderHoldState | null> {
  const { order, payment, key, answer } = input;
  // The key's row is written once: the order recorded on it, and the answer with it when one is given.
  const answered = answer ? `(SELECT version FROM hold) = $45::text AND EXISTS (SELECT 1 FROM new_order)` : 'false';
  const answerColumns = answer
    ? `, response_status = CASE WHEN ${answered} THEN $46::integer ELSE response_status END,
         response_body = CASE WHEN ${answered} THEN $47::jsonb ELSE response_body END,
         locked_until = CASE WHEN ${answered} THEN NULL ELSE locked_until END`
    : '';
  const result = await db.query<OrderHoldState>(
    // $1, $2: the extension and now; $3–$26: the order (orderValues, $7 its hold); $27–$42: its payment
    // (paymentValues); $43, $44: the key; with an answer, $45 the hold's version, $46, $47 the answer.
    `WITH hold AS (
       SELECT id, state, expires_at, extended, xmin::text AS version FROM holds WHERE id = $7::uuid FOR UPDATE
     ), sellable AS (
       SELECT id FROM hold WHERE state = 'active' AND expires_at > $2::timestamptz
     ), extension AS (
       UPDATE holds h SET expires_at = GREATEST(h.expires_at, $1::timestamptz), extended = true
       FROM sellable s WHERE h.id = s.id AND NOT h.extended
       RETURNING h.expires_at
     ), seats AS (
       UPDATE event_seats SET hold_expires_at = GREATEST(hold_expires_at, $1::timestamptz)
       WHERE hold_id = $7::uuid AND status = 'held' AND EXISTS (SELECT 1 FROM extension)
     ), new_order AS (
       INSERT INTO orders (id, code, event_id, venue_id, hold_id, state, channel, customer_sub, device_id, clerk_sub,
         buyer_email, buyer_name, buyer_phone, delivery, payment_method, total_amount, currency, access_token_hash,
         cancel_reason, created_at, updated_at, price_breakdown, promo_code_id, locale)
       SELECT $3::uuid, $4::text, $5::uuid, $6::uuid, s.id, $8::text, $9::text, $10::text, $11::uuid, $12::text,
         $13::text, $14::text, $15::text, $16::jsonb, $17::text, $18::integer, $19::text, $20::text, $21::text,
         $22::timestamptz, $23::timestamptz, $24::jsonb, $25::uuid, $26::text
       FROM sellable s
       RETURNING id
     ), new_payment AS (
       INSERT INTO payments (id, order_id, attempt, method, state, amount, currency, provider_session_id,
         provider_charge_id, redirect_url, card_last4, terminal_reference, tendered_amount, change_amount,
         failure_reason, created_at, updated_at)
       SELECT $27::uuid, o.id, $29::integer, $30::text, $31::text, $32::integer, $33::text, $34::text, $35::text,
         $36::text, $37::text, $38::text, $39::integer, $40::integer, $41::text, $42::timestamptz, $42::timestamptz
       FROM new_order o WHERE o.id = $28::uuid
     ), resource AS (
       UPDATE idempotency_keys SET resource_id = $3::uuid${answerColumns}
       WHERE scope = $43::text AND key = $44::text AND EXISTS (SELECT 1 FROM new_order)
     )
     SELECT state, expires_at, extended, (SELECT expires_at FROM extension) AS extended_to, ${answered} AS answered
     FROM hold`,
    [
      input.extendTo.toISOString(),
      input.now.toISOString(),
      ...orderValues(order),
      ...paymentValues(payment),
      key?.scope ?? null,
      key?.key ?? null,
      ...(answer ? [answer.holdVersion, answer.status, JSON.stringify(answer.body)] : []),
    ],
  );
  return result.rows[0] ?? null;
}

/**
 * Gives a payment its provider's checkout session and stores the request's final answer on its Idempotency-Key, in
 * one statement: the buyer is sent to the approval page exactly when the answer that names it is kept for replays.
 */
export async function saveCheckoutSession(
  db: Queryable,
  session: { paymentId: string; sessionId: string; redirectUrl: string; now: Date },
  answer: KeyEntry & { status: number; body: unknown },
): Promise<void> {
  await db.query(
    `WITH payment AS (
       UPDATE payments SET provider_session_id = $2, redirect_url = $3, updated_at = $4 WHERE id = $1
     )
     ${saveIdempotentResponseSql(5)}`,
    [
      session.paymentId,
      session.sessionId,
      session.redirectUrl,
      session.now.toISOString(),
      ...idempotentAnswerParams(answer),
    ],
  );
}
