// The back office's way to the API: `call(operationId, { params, query, body })` builds the request from the route
// table (cloud/contract/routes.ts), attaches the staff member's bearer token, parses JSON, and throws problem+json
// answers as ProblemError (status, type, title, detail, the offending field, entries). A 401 tells the shell, which
// sends the user to sign-in. (Exports are jobs with a link of their own: see reports/use-export-job.ts.)
import { apiHeaderKeys, apiRoutes, type ApiRouteName, type PathParamNames } from '../../../cloud/contract/routes.ts';
import type { ProblemDetails } from '../../../cloud/contract/index.ts';
import { ApiError } from '../../client/ticketing-client.ts';

/** The named path parameters of a route: `{ eventId: '…' }` for `/v1/admin/events/:eventId/status`. */
export type RouteParams<N extends ApiRouteName> = {
  [K in PathParamNames<(typeof apiRoutes)[N]['path']>[number]]: string;
};

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface CallOptions {
  /** The route's path parameters by name (`{ eventId }`); a missing one throws before anything is sent. */
  params?: Record<string, string>;
  /** Query parameters; undefined, null and empty strings are left out, arrays repeat the name. */
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent as Idempotency-Key on a mutating call; a fresh one per call when not given. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** A response schema (a zod schema of cloud/contract fits): the answer is checked and typed by it. */
export interface ResponseSchema<T> {
  parse(value: unknown): T;
}

/** A problem+json answer of the API, as the back office's forms and states use it. */
export class ProblemError extends ApiError {
  readonly title: string;
  /** The first offending field the API named (a form shows the message beside its input). */
  readonly field: string | undefined;
  /** Every field the API named with its message. */
  readonly fields: { field: string; message: string }[];
  readonly entries: string[];

  constructor(status: number, problem: Partial<ProblemDetails>) {
    const detail = problem.detail ?? `Something went wrong (${status}). Please try again.`;
    super(status, problem.type ?? `http_${status}`, detail, problem);
    this.name = 'ProblemError';
    this.title = problem.title ?? detail;
    this.fields = problem.errors ?? [];
    this.field = this.fields[0]?.field;
    this.entries = problem.entries ?? [];
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The path of a route with its parameters, each encoded as one segment. */
export function pathFor(name: ApiRouteName, params: Record<string, string> = {}): string {
  return apiRoutes[name].path.replace(/:([A-Za-z]+)/g, (_match, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`No value for :${key} in ${name}`);
    return encodeURIComponent(value);
  });
}

export function queryString(query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) search.append(key, item);
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class AdminApi {
  constructor(
    private readonly token: () => string | null,
    /** Told when the API answers 401 to a call that carried a token: it expired or was revoked. */
    private readonly onUnauthorized: (error: ProblemError) => void = () => {},
    private readonly baseUrl = '',
  ) {}

  /**
   * Calls the route named by its operationId. With a schema the answer is parsed by it (and typed from it); without
   * one, `T` is the caller's word for the answer's shape.
   */
  async call<T = unknown>(name: ApiRouteName, options: CallOptions = {}, schema?: ResponseSchema<T>): Promise<T> {
    const response = await this.send(name, options, 'application/json');
    const text = response.status === 204 ? '' : await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    return schema ? schema.parse(json) : (json as T);
  }

  /**
   * Calls the route with `body` sent as it is (a file the user chose: a venue's logo), with the file's own content
   * type; the answer is parsed as JSON like `call`'s.
   */
  async callRaw<T = unknown>(name: ApiRouteName, body: Blob, options: Omit<CallOptions, 'body'> = {}): Promise<T> {
    const response = await this.send(name, options, 'application/json', body);
    const text = response.status === 204 ? '' : await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(name: ApiRouteName, options: CallOptions, accept: string, raw?: Blob): Promise<Response> {
    const route = apiRoutes[name];
    const headers: Record<string, string> = { accept };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (raw) headers['content-type'] = raw.type || 'application/octet-stream';
    else if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (MUTATING.has(route.method))
      headers[apiHeaderKeys.idempotencyKey] = options.idempotencyKey ?? crypto.randomUUID();
    const url = this.baseUrl + pathFor(name, options.params) + queryString(options.query);
    let response: Response;
    try {
      response = await fetch(url, {
        method: route.method,
        headers,
        ...(raw ? { body: raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ProblemError(0, {
        type: 'network',
        title: 'Network error',
        detail: 'We could not reach TicketBoss. Check your connection and try again.',
      });
    }
    if (response.ok) return response;
    let problem: Partial<ProblemDetails> = {};
    try {
      problem = (await response.json()) as Partial<ProblemDetails>;
    } catch {
      // not problem+json (a proxy's page): the status alone is what we know
    }
    const error = new ProblemError(response.status, problem);
    if (response.status === 401 && token) this.onUnauthorized(error);
    throw error;
  }
}
