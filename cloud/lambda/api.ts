// The API Lambda: every /v1 route (HTTP API, and the devices' REST API with API keys) through the Hono app. Seat
// changes go to the live queue; the fan-out Lambda pushes them to watchers.
import { createApp } from '../http/app.ts';
import { createHttpHandler } from './http.ts';
import { liveQueueBus } from './live-queue.ts';
import { logger } from './logger.ts';
import { buildRuntime } from './runtime.ts';

export const handler = createHttpHandler(async () => {
  const runtime = await buildRuntime(process.env, ({ env }) => liveQueueBus(env));
  const { app } = createApp({
    services: runtime.services,
    verifier: runtime.verifier,
    jwks: () => runtime.issuer.jwks(),
    log: (message, error) => logger.error(message, { error }),
  });
  return app;
});
