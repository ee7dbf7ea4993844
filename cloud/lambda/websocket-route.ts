// The live seat view's WebSocket API, route by route: $connect admits only a connection that came through CloudFront
// (its secret X-Origin-Verify header, as the HTTP API's origin lock checks it: cloud/http/origin-lock.ts), so the
// WebSocket API's own execute-api address is no way round the WAF; $disconnect forgets the connection's
// subscriptions; the client's messages (routed by `$request.body.type`: subscribe, unsubscribe, ping, or $default for
// anything else) are answered through the same protocol as the local `ws` hub, the answer being the route's response.
// Bounds (cloud/adapters/live/limits.ts): the subscriptions per connection are counted by the registry, as one step
// (a connection's messages may run at once). The rest is API Gateway's: it refuses a frame over 32 KB (and a message
// over 128 KB) before we are invoked, closes a connection idle for 10 minutes (2 hours at most in all), and the
// stage's throttling (cloud/infra/api.ts) bounds messages and connects per second.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { answerLiveMessage } from '../adapters/live/protocol.ts';
import { connectionSubscriptions, type LiveRegistry } from '../adapters/live/registry.ts';
import { ORIGIN_VERIFY_HEADER } from '../contract/origin-lock.ts';
import type { OriginSecret } from '../http/origin-lock.ts';
import type { Clock } from '../services/ports.ts';
import { logger } from './logger.ts';
import { observed } from './observability.ts';
import { once } from './once.ts';

export interface WebSocketDeps {
  registry: LiveRegistry;
  clock: Clock;
  /** Whether anyone may watch the event (published: not a draft, not unknown), asked without the selling database. */
  canWatch(eventId: string): Promise<boolean>;
  /** CloudFront's header secret; without one (a function not behind CloudFront) every connect is admitted. */
  originSecret: OriginSecret | undefined;
}

/** The $connect request's headers (API Gateway passes the upgrade request's, names as the client sent them). */
const ConnectRequest = z.object({ headers: z.record(z.string(), z.string()).nullish() });

function headerOf(event: unknown, name: string): string | undefined {
  const parsed = ConnectRequest.safeParse(event);
  const headers = parsed.success ? (parsed.data.headers ?? {}) : {};
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

async function cameThroughCloudFront(event: unknown, secret: OriginSecret | undefined): Promise<boolean> {
  if (!secret) return true;
  const given = headerOf(event, ORIGIN_VERIFY_HEADER);
  return given !== undefined && (await secret.accepts(given));
}

async function route(deps: WebSocketDeps, event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey === '$connect') {
    if (await cameThroughCloudFront(event, deps.originSecret)) return { statusCode: 200 };
    logger.info('live connect refused: not through CloudFront', { connectionId });
    return { statusCode: 403 };
  }
  if (routeKey === '$disconnect') {
    await deps.registry.forget([connectionId]);
    return { statusCode: 200 };
  }
  const answer = await answerLiveMessage(
    event.body ?? null,
    connectionSubscriptions(deps.registry, connectionId, deps.clock),
    deps.canWatch,
  );
  if (answer.type === 'error') logger.info('live message refused', { connectionId, code: answer.code });
  return { statusCode: 200, body: JSON.stringify(answer) };
}

/** The WebSocket function, its dependencies built once per instance (at the first invocation). */
export function createWebSocketHandler(build: () => Promise<WebSocketDeps>) {
  const deps = once(build);
  return observed('websocket', async (event: APIGatewayProxyWebsocketEventV2) => route(await deps(), event));
}
