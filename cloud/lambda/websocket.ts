// The live seat view's WebSocket API: $connect admits, $disconnect forgets the connection's subscriptions, and the
// client's messages (routed by `$request.body.type`: subscribe, unsubscribe, ping, or $default for anything else) are
// answered through the same protocol as the local `ws` hub. The answer is the route's response.
// Bounds (cloud/adapters/live/limits.ts): the subscriptions per connection are counted here, under a lock on the
// connection's rows (its messages may run at once). The rest is API Gateway's: it refuses a frame over 32 KB (and a
// message over 128 KB) before we are invoked, closes a connection idle for 10 minutes (2 hours at most in all), and
// the stage's throttling (cloud/infra/api.ts) bounds messages and connects per second.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { connectionSubscriptions } from '../adapters/live/api-gateway.ts';
import { answerLiveMessage } from '../adapters/live/protocol.ts';
import { findEventRow } from '../db/events.ts';
import { forgetConnections } from '../db/live.ts';
import { logger } from './logger.ts';
import { observed } from './observability.ts';
import { buildRuntime, once } from './runtime.ts';

const runtime = once(() => buildRuntime(process.env));

async function route(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { db, services } = await runtime();
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey === '$connect') return { statusCode: 200 };
  if (routeKey === '$disconnect') {
    await forgetConnections(db, [connectionId]);
    return { statusCode: 200 };
  }
  const answer = await answerLiveMessage(
    event.body ?? null,
    connectionSubscriptions(db, connectionId, services.clock),
    async (eventId) => {
      const row = await findEventRow(db, eventId);
      return row !== null && row.status !== 'draft';
    },
  );
  if (answer.type === 'error') logger.info('live message refused', { connectionId, code: answer.code });
  return { statusCode: 200, body: JSON.stringify(answer) };
}

export const handler = observed('websocket', route);
