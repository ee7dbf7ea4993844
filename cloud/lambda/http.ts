// API Gateway HTTP API (payload v2) → the same Hono app that `npm start` serves, traced and metered: a 409 is a
// request that lost a race (a seat taken meanwhile, a lock wait that timed out), counted as contention.
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { lambdaMeter, observed } from './observability.ts';
import { once } from './runtime.ts';

export type HttpLambdaHandler = ReturnType<typeof handle>;

/** Builds the app once per Lambda instance (on first invocation) and reuses it for every request after. */
export function createHttpHandler(build: () => Promise<Hono>): HttpLambdaHandler {
  const app = once(build);
  return observed('api', async (event: Parameters<HttpLambdaHandler>[0], context: Parameters<HttpLambdaHandler>[1]) => {
    const result = await handle(await app())(event, context);
    if (result.statusCode === 409) lambdaMeter.count('Contention');
    return result;
  }) as HttpLambdaHandler;
}
