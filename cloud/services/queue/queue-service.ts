// The buyer's side of the waiting room: the challenge, joining (one arrival number per solution, a replay to any
// process getting the same one; or one row per verified account), the state document (cached:
// services/queue/queue-state.ts) and admission (the ticket's place reached: a token bound to the event and the
// session's hash, with the presale code's id when one was given and is good for the event). In a verified_account
// queue the ticket and the admission also carry the account, whose bearer the gate then wants.
import { createHash } from 'node:crypto';
import type {
  Admission,
  JoinQueue,
  QueueChallenge,
  QueueState,
  QueueTicket,
  RequestAdmission,
} from '../../contract/queue.ts';
import { findAccountEmail } from '../../db/order-claims.ts';
import type { Db } from '../../db/port.ts';
import { findAccountArrival, joinAsAccount } from '../../db/queue.ts';
import { arrivalForSolution } from '../../db/queue-solutions.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { placeOf, secondsUntilAdmission } from '../../domain/queue/admission.ts';
import { solvesChallenge } from '../../domain/queue/pow.ts';
import { presaleGrant } from '../commerce/presale-access.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { Clock, Principal, StaffDirectory } from '../ports.ts';
import { CHALLENGE_MAX_AGE_MS, CHALLENGE_WINDOW_MS, QueueTokens } from './queue-tokens.ts';
import { QueueStates, type QueueView } from './queue-state.ts';

/** One solve is one arrival: keyed by challenge and session (another nonce of the same solve is the same solve). */
const solutionHash = (request: JoinQueue): Buffer =>
  createHash('sha256').update(`${request.challenge}:${request.session}`).digest();

export interface QueueDeps {
  db: Db;
  clock: Clock;
  contexts: EventContexts;
  /** The server secret the queue's keys are derived from. */
  secret: Buffer;
  /** Cognito (AWS): a customer of the user pool's verified email. */
  staffDirectory?: StaffDirectory;
}

export class WaitingRoom {
  readonly tokens: QueueTokens;
  readonly states: QueueStates;

  constructor(private readonly deps: QueueDeps) {
    this.tokens = new QueueTokens(deps.secret);
    this.states = new QueueStates(deps.db, deps.clock);
  }

  async challenge(eventId: string): Promise<QueueChallenge> {
    const view = await this.openQueue(eventId);
    const now = this.deps.clock.now().getTime();
    const made = this.tokens.challenge(eventId, view.row.challenge_bits, now);
    return {
      eventId,
      challenge: made.challenge,
      bits: made.bits,
      expiresAt: new Date(made.windowStart + CHALLENGE_MAX_AGE_MS).toISOString(),
    };
  }

  async state(eventId: string): Promise<QueueState> {
    return (await this.openQueue(eventId)).state;
  }

  async join(eventId: string, request: JoinQueue, principal: Principal | undefined): Promise<QueueTicket> {
    let view = await this.openQueue(eventId);
    const now = this.deps.clock.now();
    const staleAt = await this.checkSolution(eventId, view, request, now.getTime());
    // Opened since the copy was made: freeze the arrivals before the opening first, so every number given from now on
    // is after them.
    if (!view.state.open && now >= view.row.opens_at) view = await this.openQueue(eventId, true);
    const byAccount = view.row.one_place_per === 'verified_account';
    const arrival = byAccount
      ? await this.accountArrival(eventId, principal, now)
      : await arrivalForSolution(this.deps.db, eventId, solutionHash(request), new Date(staleAt));
    // byAccount: accountArrival refused a join without a customer's bearer.
    const account = byAccount ? principal!.sub : null;
    return {
      eventId,
      ticket: this.tokens.ticket({ eventId, session: request.session, account, arrival, issuedAt: now.getTime() }),
      place: placeOf(arrival, view.state.arrivedBeforeOpening, this.tokens.permutationKey(eventId)),
      joinedAt: now.toISOString(),
    };
  }

  async admit(eventId: string, request: RequestAdmission): Promise<Admission> {
    const ticket = this.tokens.readTicket(request.ticket);
    if (!ticket || ticket.eventId !== eventId) {
      throw new DomainError('queue_ticket_invalid', 'This queue ticket is not one of ours for this event.', {
        field: 'ticket',
      });
    }
    const view = await this.openQueue(eventId);
    const now = this.deps.clock.now();
    const place = placeOf(ticket.arrival, view.state.arrivedBeforeOpening, this.tokens.permutationKey(eventId));
    if (place === null || place > view.state.admittedThrough) {
      const state = {
        opensAt: view.row.opens_at,
        admittedThrough: view.state.admittedThrough,
        admittingPerMinute: view.state.admittingPerMinute,
      };
      throw new DomainError(
        'not_admitted_yet',
        place === null ? 'The queue has not opened yet.' : 'Not your turn yet.',
        {
          ...(place === null ? {} : { place }),
          admittedThrough: view.state.admittedThrough,
          retryAfterSeconds: secondsUntilAdmission(place, state, now),
        },
      );
    }
    const presaleCodeId = request.presaleCode ? await this.presaleCodeId(eventId, request.presaleCode, now) : null;
    const expiresAt = now.getTime() + view.row.token_minutes * 60_000;
    return {
      eventId,
      place,
      token: this.tokens.admission({
        eventId,
        sessionHash: ticket.sessionHash,
        account: ticket.account,
        place,
        expiresAt,
        presaleCodeId,
      }),
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /** The event's queue when it has one turned on; 404 no_queue otherwise. */
  private async openQueue(eventId: string, fresh = false): Promise<QueueView> {
    const view = await this.states.get(eventId, { fresh });
    if (!view?.row.enabled) throw new DomainError('no_queue', 'This event has no waiting room.');
    return view;
  }

  /** Checks the solution; when its challenge goes stale (ms). */
  private async checkSolution(eventId: string, view: QueueView, request: JoinQueue, now: number): Promise<number> {
    const fail = (detail: string) => new DomainError('challenge_failed', detail, { field: 'nonce' });
    const claims = this.tokens.readChallenge(request.challenge);
    if (!claims || claims.eventId !== eventId) {
      throw new DomainError('challenge_failed', 'This challenge is not one of ours for this event.', {
        field: 'challenge',
      });
    }
    if (now - claims.windowStart > CHALLENGE_MAX_AGE_MS || claims.windowStart > now + CHALLENGE_WINDOW_MS) {
      throw new DomainError('challenge_failed', 'This challenge is stale: fetch a new one.', { field: 'challenge' });
    }
    const bits = Math.max(claims.bits, view.row.challenge_bits);
    if (!(await solvesChallenge(request.challenge, request.session, request.nonce, bits))) {
      throw fail(`The nonce does not solve the challenge (${bits} leading zero bits).`);
    }
    return claims.windowStart + CHALLENGE_MAX_AGE_MS;
  }

  private async accountArrival(eventId: string, principal: Principal | undefined, now: Date): Promise<number> {
    const field = { field: 'authorization' };
    if (!principal || principal.groups.length > 0) {
      throw new DomainError(
        'unauthorized',
        'Sign in to your account to join this queue (one place per account).',
        field,
      );
    }
    const existing = await findAccountArrival(this.deps.db, eventId, principal.sub);
    if (existing !== null) return existing;
    const account = await findAccountEmail(this.deps.db, principal.sub);
    const verified = account
      ? account.email_verified_at !== null
      : (await this.deps.staffDirectory?.verifiedEmailOf(principal.sub)) != null;
    if (!verified) {
      throw new DomainError('email_unverified', "Confirm your account's email to join this queue.", field);
    }
    return joinAsAccount(this.deps.db, eventId, principal.sub, now);
  }

  /** The presale code's id when it is good for the event now; a 400 naming `presaleCode` when it is not. */
  private async presaleCodeId(eventId: string, code: string, now: Date): Promise<string> {
    const context = await this.deps.contexts.require(eventId);
    try {
      const grant = await presaleGrant(this.deps.db, context, code, now);
      return grant.codeId!;
    } catch (error) {
      if (!isDomainError(error) || error.extras.field !== 'presaleCode') throw error;
      throw new DomainError('validation_failed', `presaleCode: ${error.message}`, { field: 'presaleCode' });
    }
  }
}
