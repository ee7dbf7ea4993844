// API Gateway HTTP API (payload v2) → the same Hono app that `npm start` serves.
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { once } from './runtime.ts';

export type HttpLambdaHandler = ReturnType<typeof handle>;

/** Builds the app once per Lambda instance (on first invocation) and reuses it for every request after. */
export function createHttpHandler(build: () => Promise<Hono>): HttpLambdaHandler {
  const app = once(build);
  return (async (event: Parameters<HttpLambdaHandler>[0], context: Parameters<HttpLambdaHandler>[1]) =>
    handle(await app())(event, context)) as HttpLambdaHandler;
}
