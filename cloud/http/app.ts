// The Hono app: every route, validated by its zod schemas, errors as problem+json. The same app runs on Node
// (`npm start`) and in Lambda behind API Gateway.
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import {
  DomainError,
  isContentionError,
  isDomainError,
  isOverloadError,
  refusedValueReason,
} from '../domain/errors.ts';
import { apiHeaderKeys, apiHeaders, apiRoutes } from '../contract/routes.ts';
import type { Services } from '../services/index.ts';
import type { AccessTokenVerifier } from '../services/ports.ts';
import { principalFrom } from './auth.ts';
import { openApiDocument } from './openapi.ts';
import { problemBody, problemResponse, retryAfterHeader } from './problem.ts';
import { parseOrThrow, pathPattern, type Route } from './route.ts';
import { assertDeclaredLength, closeAfterAnswer, limitPageBodies, readBodyText } from './body.ts';
import { guardRoute } from './guard.ts'; // guard
import { standardHeaders } from './headers.ts';
import { mailingWebhookRoutes, scanRoutes } from './routes/scans.ts';
import { adminRoutes } from './routes/admin.ts';
import { venueBrandRoutes } from './routes/venue-brand.ts';
import { adminEventRoutes } from './routes/admin-events.ts'; // admin: events
import { eventChangeRoutes } from './routes/event-changes.ts';
import { commerceRoutes } from './routes/commerce.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { liveDeltaRoutes } from './routes/live-deltas.ts'; // live deltas (issue 20)
import { holdRoutes, HOLD_TOKEN_HEADER } from './routes/holds.ts';
import { identityRoutes } from './routes/identity.ts';
import { orderClaimRoutes } from './routes/order-claims.ts'; // accounts
import { orderRoutes, ORDER_TOKEN_HEADER } from './routes/orders.ts';
import { waitlistRoutes } from './routes/waitlist.ts';
import { transferRoutes } from './routes/transfers.ts'; // transfer (issue 19)
import { adminReportRoutes } from './routes/admin-reports.ts'; // admin: reports
import { adminOrderRoutes } from './routes/admin-orders.ts'; // admin: seat management and orders
import { adminSeatRoutes } from './routes/admin-seats.ts'; // admin: seat management and orders
import { staffRoutes } from './routes/staff.ts'; // admin: staff and devices
// admin: operations
import { operationsRoutes } from './routes/operations.ts';
import { adminExportRoutes } from './routes/admin-exports.ts'; // admin: exports
import { walletRoutes } from './routes/wallet.ts'; // wallet (issue 18)
import { passRoutes } from './routes/passes.ts'; // passes (issue 19)
import { queueRoutes } from './routes/queue.ts'; // the on-sale (issue 20)
import { RateLimiter, clientAddress, type RateLimit } from './rate-limit.ts';
import { originLock, originSecretFromEnv, type OriginSecret } from './origin-lock.ts';
import { requestHash } from '../domain/orders/codes.ts';
import { createHash } from 'node:crypto';

export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** Bodies outside the API: the local cloud's sandbox payment form is a few dozen bytes. */
export const PAGE_BODY_LIMIT = 16 * 1024;

export interface AppDeps {
  services: Services;
  verifier: AccessTokenVerifier;
  /** The public keys of the embedded identity provider, published at /.well-known/jwks.json. */
  jwks?: () => unknown;
  log?: (message: string, error?: unknown) => void;
  /** Something the boundary should have refused and the database did (console.warn by default). */
  warn?: (message: string, error?: unknown) => void;
  /** Overrides of the routes' rate limits by bucket (`signin`, `signup`, `holds`, …), e.g. for load tests. */
  rateLimits?: Record<string, RateLimit>;
  /** The rate limiter's clock (tests pin it). */
  rateLimitClock?: () => number;
  /** The origin lock's secret (origin-lock.ts); by default the one ORIGIN_VERIFY_SECRET_ARN names, if any. */
  originSecret?: OriginSecret;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

export function createApp(deps: AppDeps): { app: Hono; routes: Route[] } {
  const limiter = new RateLimiter(deps.rateLimitClock);
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const warn = deps.warn ?? ((message, error) => console.warn(message, error));
  const routes = [
    ...catalogRoutes(deps.services),
    ...liveDeltaRoutes(deps.services), // live deltas (issue 20)
    ...holdRoutes(deps.services),
    ...orderRoutes(deps.services),
    ...walletRoutes(deps.services), // wallet (issue 18)
    ...passRoutes(deps.services), // passes (issue 19)
    ...queueRoutes(deps.services), // the on-sale (issue 20)
    ...identityRoutes(deps.services, limiter),
    ...orderClaimRoutes(deps.services), // accounts
    ...adminRoutes(deps.services),
    ...waitlistRoutes(deps.services),
    ...transferRoutes(deps.services),
    ...commerceRoutes(deps.services),
    ...scanRoutes(deps.services),
    ...mailingWebhookRoutes(deps.services),
    ...eventChangeRoutes(deps.services),
    ...adminReportRoutes(deps.services), // admin: reports
    ...adminEventRoutes(deps.services), // admin: events
    ...adminSeatRoutes(deps.services), // admin: seat management and orders
    ...adminOrderRoutes(deps.services), // admin: seat management and orders
    ...staffRoutes(deps.services, limiter), // admin: staff and devices
    // admin: operations
    ...operationsRoutes(deps.services),
    ...adminExportRoutes(deps.services), // admin: exports
    ...venueBrandRoutes(deps.services),
  ];
  const document = openApiDocument(routes, { title: 'TicketBoss API', version: '1.0.0' });
  const app = new Hono();

  app.use('*', originLock(deps.originSecret ?? originSecretFromEnv(process.env)));
  app.use('*', standardHeaders);
  app.use('*', limitPageBodies(PAGE_BODY_LIMIT));
  // Large bodies are all GETs (seat maps, availability, lists); holds and admin answers are small.
  app.on(['GET'], '*', compress());

  app.get(apiRoutes.openApiDocument.path, (c) => c.json(document));
  if (deps.jwks) app.get('/.well-known/jwks.json', (c) => c.json(deps.jwks!()));
  app.get('/healthz', (c) => c.json({ ok: true }));

  for (const spec of routes) {
    const limit = spec.bodyLimit ?? DEFAULT_BODY_LIMIT;
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      // Before anything else: a body declared too large is not waited for (a route without a body never reads one).
      assertDeclaredLength(c, limit);
      const principal = spec.passAuthorization
        ? undefined
        : await principalFrom(c.req.header('authorization'), deps.verifier);
      // admin: staff and devices (sign-out everywhere, revoked machines, a machine's last call)
      if (principal) await deps.services.tokenCheck.assertCurrent(principal, c.req.header(apiHeaderKeys.appVersion));
      // Counted before anything else is looked at, so malformed requests count too.
      if (spec.rateLimit) {
        const rule = deps.rateLimits?.[spec.rateLimit.bucket] ?? spec.rateLimit;
        limiter.take(`${spec.rateLimit.bucket}:${principal ? `sub:${principal.sub}` : `ip:${clientAddress(c)}`}`, rule);
      }
      // guard: who is calling and whether their role may use the route at all, before anything they sent is parsed.
      guardRoute(spec, principal);
      // A missing key is a fault of the request's shape: told only to a caller the route admits.
      const key = c.req.header(apiHeaderKeys.idempotencyKey);
      if (spec.idempotent && (!key || !IDEMPOTENCY_KEY.test(key))) {
        throw new DomainError(
          'idempotency_key_required',
          `Send an ${apiHeaders.idempotencyKey} header (8–255 characters of A–Z a–z 0–9 _ . : -), the same on every retry.`,
          { field: apiHeaders.idempotencyKey },
        );
      }
      const params = parseOrThrow(spec.params, c.req.param(), 'path');
      const query = parseOrThrow(spec.query, c.req.query(), 'query');
      const body = spec.body ? parseOrThrow(spec.body, await readJson(c, limit), 'body', spec.fieldErrors) : undefined;
      const input = { params, query, body, principal, c };
      if (!spec.idempotent) return spec.handler!(input);
      const { status, run, claimInWork } = spec.idempotent;
      const answer = await deps.services.idempotency.run(
        {
          scope: idempotencyScope(c, principal?.sub),
          key: key!,
          requestHash: requestHash(spec.method, c.req.path, body),
        },
        status,
        (handle) => run(input, handle),
        (error) => ({
          status: problemBody(error.code, error.message, error.extras).status,
          body: problemBody(error.code, error.message, error.extras, c.req.path),
        }),
        claimInWork ? { claimInWork } : {},
      );
      const headers = {
        'cache-control': 'no-store',
        ...(answer.replayed ? { [apiHeaderKeys.idempotentReplayed]: 'true' } : {}),
      };
      if (answer.status >= 400) {
        return c.body(JSON.stringify(answer.body), answer.status as 400, {
          ...headers,
          ...retryAfterHeader(answer.status),
          'content-type': 'application/problem+json',
        });
      }
      return c.json(answer.body as object, answer.status as 200, headers);
    });
  }

  const patterns = routes.map((spec) => ({ pattern: pathPattern(spec.path), method: spec.method.toUpperCase() }));
  app.notFound((c) => {
    const allowed = patterns.filter((p) => p.pattern.test(c.req.path)).map((p) => p.method);
    if (allowed.length > 0) {
      return problemResponse(
        'method_not_allowed',
        `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`,
        {},
        c.req.path,
        {
          allow: [...new Set(allowed)].join(', '),
        },
      );
    }
    return problemResponse('not_found', `Nothing at ${c.req.path}.`, {}, c.req.path);
  });

  app.onError((error, c) => {
    if (isDomainError(error)) {
      // The rest of a too-large body is never kept: the connection closes after the answer.
      const close = error.code === 'payload_too_large' ? closeAfterAnswer(c) : {};
      return problemResponse(error.code, error.message, error.extras, c.req.path, close);
    }
    // A second line of defence: text or numbers the database refused are the client's, not ours (never a 500); but
    // the boundary should have refused them, hence the warning.
    const reason = refusedValueReason(error);
    if (reason) {
      warn(`${c.req.method} ${c.req.path}: the database refused a value the boundary let through`, error);
      return problemResponse('invalid_value', `A value in the request ${reason}.`, {}, c.req.path);
    }
    if (isContentionError(error)) {
      return problemResponse(
        'contention',
        'Too many people are after the same seats right now; try again.',
        { retryable: true },
        c.req.path,
        {
          'retry-after': '1',
        },
      );
    }
    if (isOverloadError(error)) {
      warn(`${c.req.method} ${c.req.path}: the database is full or not ready`, error);
      return problemResponse('overloaded', 'TicketBoss is very busy right now; try again shortly.', {}, c.req.path);
    }
    log(`${c.req.method} ${c.req.path} failed`, error);
    return problemResponse('internal', 'Something went wrong on our side; it has been logged.', {}, c.req.path);
  });

  return { app, routes };
}

/** Whose Idempotency-Key it is: the principal, else the token that authorises the request; keys of others never meet. */
function idempotencyScope(c: Context, sub: string | undefined): string {
  if (sub) return `sub:${sub}`;
  const token = c.req.header(HOLD_TOKEN_HEADER) ?? c.req.header(ORDER_TOKEN_HEADER);
  return token ? `token:${createHash('sha256').update(token).digest('base64url')}` : 'anonymous';
}

async function readJson(c: Context, limit: number): Promise<unknown> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new DomainError('unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await readBodyText(c, limit);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('malformed_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}
