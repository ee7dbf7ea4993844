// bench:onsale's crowd: each simulated buyer is a light async task (thousands share one process and two undici
// pools) that does what the shop does in a browser: fetch the join challenge (through the CDN), solve its proof of
// work, join, poll the queue's state document (through the CDN) until its place is reached, ask for admission, then
// hold 1–4 seats and buy them (order → the buyer approves on the sandbox provider's page → complete), sending the
// admission on the hold and the order. What each buyer saw is recorded for the fairness and latency figures.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'undici';
import { apiHeaders, apiRoutes, pathOf } from '../../../cloud/contract/routes.ts';
import type { Admission, QueueChallenge, QueueState, QueueTicket } from '../../../cloud/contract/queue.ts';
import { solveChallenge } from '../../../cloud/domain/queue/pow.ts';
import type { EdgeCache } from './edge-cache.ts';
import type { AdmissionSeen, JoinSeen } from './fairness.ts';
import { SeatPool } from './seat-pool.ts';

export interface SaleOptions {
  eventId: string;
  seatIds: string[];
  buyers: number;
  /** Wall-clock ms: the first arrival, and the window over which the buyers arrive (uniformly at random). */
  firstArrivalAt: number;
  arrivalWindowMs: number;
  /** How often a waiting buyer polls the state document (each poll jittered ±25 %). */
  pollMs: number;
  /** Wall-clock ms after which buyers still waiting give up (so a run always ends). */
  giveUpAt: number;
  /** Where the payment provider sends the buyer back (an address of the shop). */
  returnUrl: string;
}

/** A request (or a purchase's requests) timed: when it started (wall-clock ms) and how long it took. */
export interface Timed {
  startedAt: number;
  ms: number;
}

export type Outcome = 'bought' | 'sold_out' | 'no_seats' | 'gave_up' | 'failed';

export interface SaleResult {
  /** `early`: the server counted the arrival before the opening (no place at joining: shuffled when it opens). */
  joins: (JoinSeen & { buyer: number; early: boolean })[];
  /** Joins whose place is not known (before the opening, and never asked for admission). */
  placeUnknown: number;
  admissions: AdmissionSeen[];
  holds: Timed[];
  holdRefused: number;
  purchases: Timed[];
  seatsBought: number;
  /** Wall-clock ms of the purchase that sold the last seat, or null. */
  lastSeatSoldAt: number | null;
  firstSoldOutSeenAt: number | null;
  outcomes: Record<Outcome, number>;
  statePolls: number;
  failures: string[];
}

export interface Transport {
  /** Joins (the crowd's own POSTs). */
  joining: Pool;
  /** Admission requests, apart from the joins so that they wait in the server, not behind the crowd here. */
  admitting: Pool;
  /** Holds and purchases of admitted buyers. */
  buying: Pool;
  edge: EdgeCache;
}

/** How long after the last seat sold the state document may take to say so before waiting buyers leave anyway. */
const SOLD_OUT_GRACE_MS = 5000;

export const wallNow = (): number => performance.timeOrigin + performance.now();

async function request(pool: Pool, method: 'POST' | 'GET', path: string, body?: unknown, headers = {}) {
  const response = await pool.request({
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.statusCode, text: await response.body.text() };
}

export async function runSale(options: SaleOptions, transport: Transport): Promise<SaleResult> {
  const { joining, admitting, buying, edge } = transport;
  const { eventId } = options;
  const pool = new SeatPool(options.seatIds);
  const totalSeats = options.seatIds.length;
  const result: SaleResult = {
    joins: [],
    placeUnknown: 0,
    admissions: [],
    holds: [],
    holdRefused: 0,
    purchases: [],
    seatsBought: 0,
    lastSeatSoldAt: null,
    firstSoldOutSeenAt: null,
    outcomes: { bought: 0, sold_out: 0, no_seats: 0, gave_up: 0, failed: 0 },
    statePolls: 0,
    failures: [],
  };
  const paths = {
    challenge: pathOf(apiRoutes.queueChallenge.path, eventId),
    join: pathOf(apiRoutes.joinQueue.path, eventId),
    state: pathOf(apiRoutes.getQueueState.path, eventId),
    admission: pathOf(apiRoutes.requestAdmission.path, eventId),
    holds: pathOf(apiRoutes.createHold.path, eventId),
  };
  const unexpected = (step: string, answer: { status: number; text: string }) =>
    new Error(`${step} answered ${answer.status}: ${answer.text.slice(0, 200)}`);

  const join = async (
    buyer: number,
    session: string,
  ): Promise<JoinSeen & { ticket: string; buyer: number; early: boolean }> => {
    for (let attempt = 0; ; attempt++) {
      const answer = await edge.get(paths.challenge);
      if (answer.status !== 200) throw unexpected('challenge', answer);
      const challenge = JSON.parse(answer.text) as QueueChallenge;
      const nonce = await solveChallenge(challenge.challenge, session, challenge.bits);
      if (nonce === null) throw new Error('no nonce solves the challenge');
      const sentAt = wallNow();
      const joined = await request(joining, 'POST', paths.join, { session, challenge: challenge.challenge, nonce });
      const answeredAt = wallNow();
      // A challenge the CDN kept to its last second may be stale by the time it reaches the origin: fetch it again.
      if (joined.status === 400 && joined.text.includes('challenge_failed') && attempt < 2) continue;
      if (joined.status !== 201) throw unexpected('join', joined);
      const ticket = JSON.parse(joined.text) as QueueTicket;
      return {
        buyer,
        sentAt,
        answeredAt,
        place: ticket.place ?? 0,
        early: ticket.place === null,
        ticket: ticket.ticket,
      };
    }
  };

  /** Polls until admitted, or the reason the buyer stopped waiting. */
  const waitForAdmission = async (seen: JoinSeen & { ticket: string }): Promise<Admission | Outcome> => {
    for (;;) {
      // Waiting buyers leave at the deadline, or when the last seat went a while ago and the state still hides it.
      if (wallNow() > options.giveUpAt) return 'gave_up';
      if (result.lastSeatSoldAt !== null && wallNow() > result.lastSeatSoldAt + SOLD_OUT_GRACE_MS) return 'gave_up';
      const answer = await edge.get(paths.state);
      result.statePolls++;
      if (answer.status !== 200) throw unexpected('queue state', answer);
      const state = JSON.parse(answer.text) as QueueState;
      if (state.soldOut) {
        result.firstSoldOutSeenAt ??= wallNow();
        return 'sold_out';
      }
      if (state.open && (seen.place === 0 || seen.place <= state.admittedThrough)) {
        const sentAt = wallNow();
        const asked = await request(admitting, 'POST', paths.admission, { ticket: seen.ticket });
        const answeredAt = wallNow();
        if (asked.status === 200) {
          const admission = JSON.parse(asked.text) as Admission;
          seen.place = admission.place;
          result.admissions.push({ sentAt, answeredAt, place: admission.place, admitted: true });
          return admission;
        }
        if (asked.status !== 409 || !asked.text.includes('not_admitted_yet')) throw unexpected('admission', asked);
        seen.place = (JSON.parse(asked.text) as { place: number }).place;
        result.admissions.push({ sentAt, answeredAt, place: seen.place, admitted: false });
      }
      await sleep(options.pollMs * (0.75 + Math.random() / 2));
    }
  };

  const buy = async (admission: Admission, session: string): Promise<Outcome> => {
    const admitted = { [apiHeaders.queueAdmission]: admission.token, [apiHeaders.queueSession]: session };
    const wanted = 1 + Math.floor(Math.random() * 4);
    let hold: { id: string; token: string; seatIds: string[] } | undefined;
    for (let attempt = 0; attempt < 8 && !hold; attempt++) {
      if (wallNow() > options.giveUpAt) return 'gave_up';
      const seatIds = pool.pick(wanted);
      if (seatIds.length === 0) return 'no_seats';
      const startedAt = wallNow();
      const held = await request(buying, 'POST', paths.holds, { seatIds }, admitted);
      result.holds.push({ startedAt, ms: wallNow() - startedAt });
      pool.settle(seatIds, held.status === 201);
      if (held.status === 201) {
        hold = { ...(JSON.parse(held.text) as { id: string; token: string }), seatIds };
      } else if (held.status === 409) result.holdRefused++;
      else throw unexpected('hold', held);
    }
    if (!hold) return 'no_seats';
    const startedAt = wallNow();
    const created = await request(
      buying,
      'POST',
      apiRoutes.createOrder.path,
      {
        holdId: hold.id,
        buyer: { email: 'onsale@example.com', name: 'On-sale Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: options.returnUrl },
      },
      { ...admitted, [apiHeaders.holdToken]: hold.token, [apiHeaders.idempotencyKey]: randomUUID() },
    );
    if (created.status !== 201) throw unexpected('order', created);
    const order = JSON.parse(created.text) as { id: string; accessToken: string; payments: { redirectUrl: string }[] };
    const approval = new URL(order.payments[0]!.redirectUrl);
    const approved = await buying.request({
      method: 'POST',
      path: approval.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve&scenario=approve',
    });
    await approved.body.dump();
    if (approved.statusCode !== 303) throw new Error(`approval answered ${approved.statusCode}`);
    const paid = await request(buying, 'POST', pathOf(apiRoutes.completePayment.path, order.id), undefined, {
      [apiHeaders.orderToken]: order.accessToken,
      [apiHeaders.idempotencyKey]: randomUUID(),
    });
    if (paid.status !== 200 || !paid.text.includes('"state":"paid"')) throw unexpected('complete', paid);
    result.purchases.push({ startedAt, ms: wallNow() - startedAt });
    result.seatsBought += hold.seatIds.length;
    if (result.seatsBought >= totalSeats) result.lastSeatSoldAt = wallNow();
    return 'bought';
  };

  const arrivals = Array.from({ length: options.buyers }, () => Math.random() * options.arrivalWindowMs).sort(
    (a, b) => a - b,
  );
  await Promise.all(
    arrivals.map(async (offset, buyer) => {
      const delay = options.firstArrivalAt + offset - wallNow();
      if (delay > 0) await sleep(delay);
      const session = randomBytes(18).toString('base64url');
      let outcome: Outcome;
      try {
        const seen = await join(buyer, session);
        result.joins.push(seen);
        const admission = await waitForAdmission(seen);
        // Admitted after the deadline: the run is over for this buyer too (so a slow server cannot stretch it).
        if (typeof admission === 'string') outcome = admission;
        else outcome = wallNow() > options.giveUpAt ? 'gave_up' : await buy(admission, session);
      } catch (error) {
        outcome = 'failed';
        if (result.failures.length < 5) result.failures.push(String(error));
      }
      result.outcomes[outcome]++;
    }),
  );
  result.placeUnknown = result.joins.filter((j) => j.place === 0).length;
  return result;
}
