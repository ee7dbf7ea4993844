// API Gateway HTTP API (payload v2) → the same Hono app that `npm start` serves.
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

export type HttpLambdaHandler = ReturnType<typeof handle>;

/** Builds the app once per Lambda instance (on first invocation) and reuses it for every request after. */
export function createHttpHandler(build: () => Promise<Hono>): HttpLambdaHandler {
  let app: Promise<Hono> | undefined;
  return (async (event: Parameters<HttpLambdaHandler>[0], context: Parameters<HttpLambdaHandler>[1]) => {
    app ??= build().catch((error: unknown) => {
      app = undefined;
      throw error;
    });
    return handle(await app)(event, context);
  }) as HttpLambdaHandler;
}
