// The main process's line to the cloud API: JSON over fetch with the device's (or the signed-in clerk's) token; a
// problem+json answer becomes a CloudProblem the bridge hands to the renderer as it is.
import { apiHeaderKeys, type ApiRoute } from '../../cloud/contract/routes.ts';
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

  /** Calls `route` at `path` (one of its paths, from apiPaths). */
  async call<T>(
    route: ApiRoute,
    path: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      /** Another token than the current one. */ bearer?: string;
    } = {},
  ): Promise<T> {
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
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const problem = (json ?? {}) as Partial<BridgeProblem>;
      throw new CloudProblem({
        type: problem.type ?? `https://ticketboss.dev/problems/http_${response.status}`,
        status: response.status,
        detail: problem.detail ?? `The cloud answered ${response.status}.`,
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...(problem.seatIds ? { seatIds: problem.seatIds } : {}),
        ...(problem.retryable ? { retryable: true } : {}),
      });
    }
    return json as T;
  }
}
