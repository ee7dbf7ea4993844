// Calls the Hono app in process (no socket), as a client would: JSON bodies, bearer tokens, hold tokens.
import type { Hono } from 'hono';
import { createApp } from '../../cloud/http/app.ts';
import { LocalIdentityIssuer } from '../../cloud/adapters/identity/local-issuer.ts';
import type { Services } from '../../cloud/services/index.ts';
import { IdentityService } from '../../cloud/services/identity/identity-service.ts';

// Response bodies are whatever JSON the endpoint returned; tests read fields freely, as a client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-side JSON of any shape
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  bearer?: string;
  holdToken?: string;
  orderToken?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  app: Hono;
  issuer: LocalIdentityIssuer;
  adminToken: string;
  customerToken: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ApiResponse
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
}

/** Rate limits high enough that only a test about rate limits meets them. */
const GENEROUS_LIMITS = Object.fromEntries(
  ['holds', 'orders', 'signin', 'signup', 'signup_confirm', 'pair', 'resend', 'waitlist', 'transfers'].map((bucket) => [
    bucket,
    { limit: 1_000_000, windowSeconds: 60 },
  ]),
);

export async function testApi(services: Services, options: { realRateLimits?: boolean } = {}): Promise<TestApi> {
  const issuer = await LocalIdentityIssuer.create('ticketboss-test');
  const { app } = createApp({
    // The embedded identity provider signs with this test's issuer.
    services: { ...services, identity: new IdentityService(services.db, issuer, () => services.clock.now()) },
    verifier: issuer.verifier(),
    jwks: () => issuer.jwks(),
    log: process.env.TEST_LOG ? (m, e) => console.error(m, e) : () => {},
    // Real limits run on a pinned clock, mid-minute, so a test never straddles two windows.
    ...(options.realRateLimits
      ? { rateLimitClock: () => Date.UTC(2030, 0, 10, 12, 0, 30) }
      : { rateLimits: GENEROUS_LIMITS }),
  });
  const adminToken = await issuer.issue({ sub: 'admin-1', groups: ['admin'] });
  const customerToken = await issuer.issue({ sub: 'customer-1', email: 'c@example.com', groups: [] });
  return {
    app,
    issuer,
    adminToken,
    customerToken,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
      if (options.holdToken) headers['x-hold-token'] = options.holdToken;
      if (options.orderToken) headers['x-order-token'] = options.orderToken;
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      return {
        status: response.status,
        headers: response.headers,
        body: contentType.includes('json') && text ? JSON.parse(text) : text,
      };
    },
  };
}
