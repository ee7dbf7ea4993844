// Idempotency-Key handling for every mutating request. The key's row is claimed with a lease before the work, the
// work records what it created on it and writes the final answer in the same transaction as its effect; a replay
// returns that answer. A request that died half-way (crash, timeout) leaves a lease that runs out, and the retry
// carries on from what the first one created.
import type { Db, Queryable } from '../db/port.ts';
import {
  insertIdempotencyKey,
  type KeyClaim,
  lockIdempotencyKey,
  saveIdempotentResponse,
  setIdempotencyLease,
  setIdempotencyResource,
  type IdempotentAnswer,
} from '../db/idempotency.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Clock } from './ports.ts';

export interface IdempotentRequest {
  /** Whose key it is (a principal, or the token that authorises the request): keys of others never collide. */
  scope: string;
  key: string;
  requestHash: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What the work sees of its key: what an earlier, interrupted try created, and where to record its own. */
export interface IdempotencyHandle {
  readonly resource: { id: string } | null;
  recordResource(tx: Queryable, id: string): Promise<void>;
  /** Stores the final answer; call it inside the transaction that makes the effect. */
  complete(tx: Queryable, body: unknown): Promise<void>;
  /**
   * The key's row, for work that records its resource in a statement of its own (one that makes the effect too).
   * Absent where a test stands in for the service: the work then calls recordResource.
   */
  readonly entry?: { scope: string; key: string };
  /**
   * Stores the final answer with one statement of the work's own, which makes the effect and writes `answer` on the
   * key's row at once (a single statement is atomic: no transaction needed). Absent where a test stands in.
   */
  completeWith?(body: unknown, statement: (answer: IdempotentAnswer) => Promise<void>): Promise<void>;
  /**
   * Present when the key is not claimed yet (the route asked for `claimInWork`): the work's first statement claims
   * `claim` as a step (`claimStep` in db/idempotency.ts, writing nothing else unless the claim's row is there), then
   * tells `settle` whether it did. When the key was there already, settle throws and the service takes over: it
   * replays the stored answer, or runs the work again with the key claimed its usual way.
   */
  readonly claimInFirstStatement?: {
    readonly claim: KeyClaim;
    settle(claimed: boolean): void;
  };
}

/** Thrown by settle when the work's first statement found the key there: the service carries on its usual way. */
class KeyWasThere extends Error {}

export class IdempotencyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly leaseSeconds = 20,
  ) {}

  /**
   * Runs `work` once per key. `status` is the answer's status on success; a final error (a 4xx the caller cannot
   * retry into success) is stored and replayed too; a retryable one frees the key for the retry. With
   * `claimInWork`, a new key is claimed by the work's first statement (handle.claimInFirstStatement), one round trip
   * fewer; a key already there is then handled as without it.
   */
  async run(
    request: IdempotentRequest,
    status: number,
    work: (handle: IdempotencyHandle) => Promise<unknown>,
    errorBody: (error: DomainError) => StoredResponse,
    options: { claimInWork?: boolean } = {},
  ): Promise<StoredResponse & { replayed: boolean }> {
    if (options.claimInWork) {
      const claim = this.newClaim(request);
      let claimed = false;
      try {
        return await this.runWork(request, status, work, errorBody, {
          resource: null,
          claimInFirstStatement: {
            claim,
            settle: (inserted) => {
              if (!inserted) throw new KeyWasThere();
              claimed = true;
            },
          },
          holdsKey: () => claimed,
          // Before the claim's statement, there is no key to record on: it is claimed first (or found there).
          ensureClaimed: async () => claimed || (claimed = await insertIdempotencyKey(this.db, claim)),
        });
      } catch (error) {
        if (!(error instanceof KeyWasThere)) throw error;
      }
    }
    // After the work's statement found the key there, it is not inserted again: it is looked at under its lock.
    const claim = await this.claim(request, { there: options.claimInWork === true });
    if ('replay' in claim) return { ...claim.replay, replayed: true };
    return this.runWork(request, status, work, errorBody, {
      resource: claim.resource,
      holdsKey: () => true,
      ensureClaimed: async () => true,
    });
  }

  private async runWork(
    request: IdempotentRequest,
    status: number,
    work: (handle: IdempotencyHandle) => Promise<unknown>,
    errorBody: (error: DomainError) => StoredResponse,
    claim: Pick<IdempotencyHandle, 'resource' | 'claimInFirstStatement'> & {
      /** Whether the key's row is this request's yet. */
      holdsKey: () => boolean;
      /** Claims the key if it is not yet: true once it is this request's, false when another request has it. */
      ensureClaimed: () => Promise<boolean>;
    },
  ): Promise<StoredResponse & { replayed: boolean }> {
    let completed = false;
    const { scope, key } = request;
    const handle: IdempotencyHandle = {
      resource: claim.resource,
      recordResource: (tx, id) => setIdempotencyResource(tx, scope, key, id),
      complete: async (tx, body) => {
        await saveIdempotentResponse(tx, scope, key, { status, body });
        completed = true;
      },
      entry: { scope, key },
      completeWith: async (body, statement) => {
        await statement({ scope, key, status, body });
        completed = true;
      },
      ...(claim.claimInFirstStatement ? { claimInFirstStatement: claim.claimInFirstStatement } : {}),
    };
    try {
      const body = await work(handle);
      if (!claim.holdsKey()) {
        // A route asked for claimInWork, but its work never claimed the key: it ran unguarded against a second try.
        console.error(`Idempotency-Key ${key}: the work ended without claiming its key in its first statement`);
      }
      if (!completed && (await claim.ensureClaimed())) {
        await saveIdempotentResponse(this.db, scope, key, { status, body });
      }
      return { status, body, replayed: false };
    } catch (error) {
      if (error instanceof KeyWasThere) throw error;
      if (isDomainError(error) && !error.extras.retryable && error.code !== 'contention' && error.code !== 'internal') {
        if (await claim.ensureClaimed()) await saveIdempotentResponse(this.db, scope, key, errorBody(error));
      } else if (claim.holdsKey()) {
        await setIdempotencyLease(this.db, scope, key, null);
      }
      throw error;
    }
  }

  private newClaim(request: IdempotentRequest): KeyClaim {
    const now = this.clock.now();
    return { ...request, now, lockedUntil: new Date(now.getTime() + this.leaseSeconds * 1000) };
  }

  private async claim(
    request: IdempotentRequest,
    key: { there: boolean },
  ): Promise<{ replay: StoredResponse } | { resource: IdempotencyHandle['resource'] }> {
    const claim = this.newClaim(request);
    const { now, lockedUntil } = claim;
    if (!key.there && (await insertIdempotencyKey(this.db, claim))) return { resource: null };
    return this.db.transaction(async (tx) => {
      const row = await lockIdempotencyKey(tx, request.scope, request.key);
      if (!row) throw new DomainError('contention', 'The request is being set up; try again.', { retryable: true });
      if (row.request_hash !== request.requestHash) {
        throw new DomainError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request; use a new key for a new request.',
          { field: 'Idempotency-Key' },
        );
      }
      if (row.response_status !== null) return { replay: { status: row.response_status, body: row.response_body } };
      if (row.locked_until && row.locked_until > now) {
        throw new DomainError('request_in_progress', 'The same request is still being processed; try again shortly.', {
          retryable: true,
        });
      }
      await setIdempotencyLease(tx, request.scope, request.key, lockedUntil);
      return { resource: row.resource_id ? { id: row.resource_id } : null };
    });
  }
}
