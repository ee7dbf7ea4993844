// The Hono app: every route, validated by its zod schemas, errors as problem+json. The same app runs on Node
// (`npm start`) and in Lambda behind API Gateway.
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { isContentionError } from '../db/port.ts';
import type { Services } from '../services/index.ts';
import { principalFrom, type AccessTokenVerifier } from './auth.ts';
import { openApiDocument } from './openapi.ts';
import { problemResponse } from './problem.ts';
import { parseOrThrow, pathPattern, type Route } from './route.ts';
import { readBodyText } from './body.ts';
import { standardHeaders } from './headers.ts';
import { adminRoutes } from './routes/admin.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { holdRoutes } from './routes/holds.ts';

export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface AppDeps {
  services: Services;
  verifier: AccessTokenVerifier;
  /** The public keys of the embedded identity provider, published at /.well-known/jwks.json. */
  jwks?: () => unknown;
  log?: (message: string, error?: unknown) => void;
}

export function createApp(deps: AppDeps): { app: Hono; routes: Route[] } {
  const routes = [...catalogRoutes(deps.services), ...holdRoutes(deps.services), ...adminRoutes(deps.services)];
  const document = openApiDocument(routes, { title: 'TicketBoss API', version: '1.0.0' });
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const app = new Hono();

  app.use('*', standardHeaders);
  // Large bodies are all GETs (seat maps, availability, lists); holds and admin answers are small.
  app.on(['GET'], '*', compress());

  app.get('/v1/openapi.json', (c) => c.json(document));
  if (deps.jwks) app.get('/.well-known/jwks.json', (c) => c.json(deps.jwks!()));
  app.get('/healthz', (c) => c.json({ ok: true }));

  for (const spec of routes) {
    const limit = spec.bodyLimit ?? DEFAULT_BODY_LIMIT;
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const params = parseOrThrow(spec.params, c.req.param(), 'path');
      const query = parseOrThrow(spec.query, c.req.query(), 'query');
      const body = spec.body ? parseOrThrow(spec.body, await readJson(c, limit), 'body') : undefined;
      const principal = await principalFrom(c.req.header('authorization'), deps.verifier);
      return spec.handler({ params, query, body, principal, c });
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
    if (isDomainError(error)) return problemResponse(error.code, error.message, error.extras, c.req.path);
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
    log(`${c.req.method} ${c.req.path} failed`, error);
    return problemResponse('internal', 'Something went wrong on our side; it has been logged.', {}, c.req.path);
  });

  return { app, routes };
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
