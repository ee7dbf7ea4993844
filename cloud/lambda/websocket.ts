// The live seat view's WebSocket function (websocket-route.ts says what each route does): subscriptions in the live
// registry (DynamoDB in AWS), events looked up in Postgres (read only), and CloudFront's secret for $connect.
import { originSecretFromEnv } from '../http/origin-lock.ts';
import { liveRegistryFromEnv } from './live-registry.ts';
import { buildRuntime } from './runtime.ts';
import { createWebSocketHandler, publicEvents } from './websocket-route.ts';

export const handler = createWebSocketHandler(async () => {
  const { env, db, services } = await buildRuntime(process.env);
  return {
    registry: liveRegistryFromEnv(process.env, db, env.AWS_REGION),
    clock: services.clock,
    canWatch: publicEvents(db),
    originSecret: originSecretFromEnv(process.env),
  };
});
