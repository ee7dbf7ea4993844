// A route is declared once with its zod schemas: the same declaration validates requests, types the handler and
// writes the OpenAPI document.
import type { Context } from 'hono';
import type { z } from 'zod';
import { ProblemDetails } from '../contract/index.ts';
import { apiRoutes, type ApiRouteName } from '../contract/routes.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { assertSafeInput } from '../domain/input-safety.ts';
import type { Principal } from '../services/ports.ts';
import type { IdempotencyHandle } from '../services/idempotency.ts';
import type { RateLimit } from './rate-limit.ts';
import type { RouteAccess } from './guard.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  c: Context;
}

export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Hono-style path, e.g. /v1/events/:eventId */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** A body field whose validation failure has a code of its own (problem type), not `validation_failed`. */
  fieldErrors?: Partial<Record<string, ErrorCode>>;
  /** Largest body accepted, in bytes. */
  bodyLimit?: number;
  headers?: { name: string; description: string; required?: boolean }[];
  security?: 'bearer' | 'bearer-optional';
  /** passes (issue 19): Authorization carries a wallet pass's own token (`ApplePass …`), not a bearer: never a principal. */
  passAuthorization?: true;
  /**
   * Who the handler accepts on a `bearer` route: checked before the path, query and body are parsed (guard.ts), so
   * a caller it would refuse anyway hears 401/403 and nothing of the route's shape. Every `bearer` route declares it.
   */
  access?: RouteAccess;
  /** Counted per principal, or per client address when anonymous. */
  rateLimit?: RateLimit & { bucket: string };
  responses: Record<number, ResponseSpec>;
  handler?: (input: RouteInput<P, Q, B>) => Promise<Response>;
  /**
   * A mutating request that needs an Idempotency-Key: `run` returns the body, answered with `status`; a repeat of
   * the key answers the first final response again. `claimInWork`: `run`'s first statement claims a new key
   * (handle.claimInFirstStatement), a round trip fewer on the hottest requests.
   */
  idempotent?: {
    status: number;
    run: (input: RouteInput<P, Q, B>, handle: IdempotencyHandle) => Promise<unknown>;
    claimInWork?: true;
  };
}

/**
 * A route's method, path and operationId, taken from the route table where the clients read them too. The method is
 * lower-cased as declarations spell it (the Idempotency-Key's request hash is made of that spelling).
 */
export function endpoint(name: ApiRouteName): Pick<Route, 'method' | 'path' | 'operationId'> {
  const { method, path } = apiRoutes[name];
  return { method: method.toLowerCase() as Method, path, operationId: name };
}

/** A problem+json response in the OpenAPI document. */
export const problem = (description: string): ResponseSpec => ({
  description,
  schema: ProblemDetails,
  contentType: 'application/problem+json',
});

export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: Route<P, Q, B>,
): Route {
  return spec as unknown as Route;
}

/** zod issues as {field, message}: the field is the dotted path a client sent (`bestAvailable.quantity`). */
export function validationError(
  error: z.ZodError,
  where: 'body' | 'query' | 'path',
  fieldErrors: Route['fieldErrors'] = {},
): DomainError {
  const errors = error.issues.slice(0, 20).map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : where,
    message: issue.message,
  }));
  const first = errors[0]!;
  const code = fieldErrors[first.field] ?? 'validation_failed';
  return new DomainError(code, `${first.field}: ${first.message}`, { errors, field: first.field });
}

/**
 * The one gate of every route's input: text Postgres cannot store (NUL, lone surrogates) and hostile nesting are
 * refused, naming the field, before the schema; then the schema.
 */
export function parseOrThrow<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  where: 'body' | 'query' | 'path',
  fieldErrors?: Route['fieldErrors'],
): T {
  assertSafeInput(value, where);
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where, fieldErrors);
  return result.data;
}

/** Turns a Hono path (/v1/holds/:holdId) into a regex that tells whether a request path matches it. */
export function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`);
}
