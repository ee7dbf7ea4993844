// Headers every API response carries: CORS for browsers on other origins (the API takes bearer and hold tokens in
// headers, never cookies, so any origin may call it) and the security headers that matter for JSON.
import type { MiddlewareHandler } from 'hono';
import { apiHeaders } from '../contract/routes.ts';

export const STANDARD_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': `ETag, Location, Retry-After, ${apiHeaders.idempotentReplayed}`,
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'no-referrer',
};

const PREFLIGHT_HEADERS = {
  ...STANDARD_HEADERS,
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': [
    'Content-Type',
    'Authorization',
    apiHeaders.idempotencyKey,
    apiHeaders.holdToken,
    apiHeaders.orderToken,
    apiHeaders.waitlistToken,
    apiHeaders.ifNoneMatch,
  ].join(', '),
  'access-control-max-age': '600',
};

/**
 * Sets the standard headers before the handler runs (Hono merges them into the response it builds), so no response
 * is built twice; answers CORS preflight requests itself.
 */
export const standardHeaders: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
    return c.body(null, 204, PREFLIGHT_HEADERS);
  }
  for (const name in STANDARD_HEADERS) c.header(name, STANDARD_HEADERS[name]);
  await next();
};
