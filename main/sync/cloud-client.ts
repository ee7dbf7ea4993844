// The main process's line to the cloud API: JSON over fetch with the device's (or the signed-in clerk's) token; a
// problem+json answer becomes a CloudProblem the bridge hands to the renderer as it is. A call that may be repeated
// (a read, or a write with an Idempotency-Key) answered 429 or 503 is tried again after the shared back-off
// (cloud/domain/retry), a few times and only while the wait is short: a clerk is waiting. Others carry the
// Retry-After to the screen.
import { setTimeout as sleep } from 'node:timers/promises';
import { apiHeaderKeys, type ApiRoute } from '../../cloud/contract/routes.ts';
import {
  busyRetryAfterSeconds,
  isBackOffStatus,
  withBackOff,
  type RetryLimits,
} from '../../cloud/domain/retry/back-off.ts';
import type { BridgeProblem } from '../../preload/bridge.ts';
import type { Connectivity } from './connectivity.ts';

export class CloudProblem extends Error {
  constructor(readonly problem: BridgeProblem) {
    super(problem.detail);
    this.name = 'CloudProblem';
  }
}

/** A refusal the machine decides by itself (not paired, no clerk signed in), shaped like the cloud's own problems. */
export const refusal = (code: string, status: number, detail: string) =>
  new CloudProblem({ type: `https://ticketboss.dev/problems/${code}`, status, detail });

/** How long the machines wait out a busy cloud by themselves before they tell the screen. */
export const DEVICE_RETRY: Omit<RetryLimits, 'sleep'> = { maxRetries: 3, maxWaitMs: 10_000 };

/** A busy cloud's problem (429, 503) gives its Retry-After in ms (null: none); any other: undefined, not retried. */
export function busyRetryAfter(error: unknown): number | null | undefined {
  if (!(error instanceof CloudProblem) || !isBackOffStatus(error.problem.status)) return undefined;
  const seconds = error.problem.retryAfterSeconds;
  return seconds === undefined ? null : seconds * 1000;
}

interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Another token than the current one. */ bearer?: string;
}

export class CloudClient {
  private token: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly connectivity?: Connectivity,
    /** The app's version, sent on every call: the back office shows each machine's version and last sync. */
    private readonly appVersion?: string,
  ) {}

  private key: string | null = null;

  /** The machine's API Gateway key (AWS), sent as `x-api-key` beside the token. */
  setApiKey(apiKey: string | null): void {
    this.key = apiKey;
  }

  get apiKey(): string | null {
    return this.key;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  get accessToken(): string | null {
    return this.token;
  }

  /** Calls `route` at `path` (one of its paths, from apiPaths); a repeatable call waits out a busy cloud. */
  call<T>(route: ApiRoute, path: string, options: CallOptions = {}): Promise<T> {
    const repeatable = route.method === 'GET' || options.headers?.[apiHeaderKeys.idempotencyKey] !== undefined;
    if (!repeatable) return this.callOnce(route, path, options);
    return withBackOff(() => this.callOnce<T>(route, path, options), busyRetryAfter, { ...DEVICE_RETRY, sleep });
  }

  private async callOnce<T>(route: ApiRoute, path: string, options: CallOptions): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method: route.method,
        headers: {
          accept: 'application/json',
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...((options.bearer ?? this.token) ? { authorization: `Bearer ${options.bearer ?? this.token}` } : {}),
          ...(this.apiKey ? { [apiHeaderKeys.apiKey]: this.apiKey } : {}),
          ...(this.appVersion ? { [apiHeaderKeys.appVersion]: this.appVersion } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      this.connectivity?.report(false);
      throw new CloudProblem({
        type: 'https://ticketboss.dev/problems/offline',
        status: 0,
        detail: 'The cloud cannot be reached right now.',
        retryable: true,
      });
    }
    this.connectivity?.report(true);
    if (response.status === 204) return null as T;
    const text = await response.text();
    const json = parseOrNull(text, response.ok);
    if (!response.ok) {
      const problem = (json ?? {}) as Partial<BridgeProblem>;
      throw new CloudProblem({
        type: problem.type ?? `https://ticketboss.dev/problems/http_${response.status}`,
        status: response.status,
        detail: problem.detail ?? `The cloud answered ${response.status}.`,
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...(problem.seatIds ? { seatIds: problem.seatIds } : {}),
        ...(problem.retryable ? { retryable: true } : {}),
        ...retryAfterSecondsOf(response),
      });
    }
    return json as T;
  }
}

/** A 429's or 503's Retry-After in whole seconds (an HTTP date becomes the seconds until it). */
function retryAfterSecondsOf(response: Response): { retryAfterSeconds?: number } {
  const seconds = busyRetryAfterSeconds(response.status, response.headers.get('retry-after'), new Date());
  return seconds === undefined ? {} : { retryAfterSeconds: seconds };
}

/**
 * The answer's JSON; a refusal (`ok` false) that is not JSON — a proxy's or the WAF's busy page — is null, so it still
 * becomes a readable error. The device's other cloud readers (outbox pusher, catalog fetcher) use it too.
 */
export function parseOrNull(text: string, ok = false): unknown {
  if (!text) return null;
  if (ok) return JSON.parse(text) as unknown;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
