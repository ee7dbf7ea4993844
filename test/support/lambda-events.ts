// Realistic API Gateway HTTP API (payload v2) events, typed by @types/aws-lambda, for calling handlers as Lambda does.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

export function apiGatewayEvent(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; query?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: {
      host: 'api.ticketboss.example',
      'user-agent': 'vitest',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.9',
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'api.ticketboss.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    ...(options.body !== undefined ? { body: options.body } : {}),
  };
}

/** A REST API (payload v1) proxy event, as the devices' API with API keys sends it: the stage is not in the path. */
export function restApiEvent(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; apiKey?: string } = {},
): APIGatewayProxyEvent {
  const headers = { host: 'devices.ticketboss.example', 'x-forwarded-for': '203.0.113.7', ...options.headers };
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'dev123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        sourceIp: '203.0.113.7',
        apiKey: options.apiKey ?? null,
        apiKeyId: options.apiKey ? 'key-id-1' : null,
        userAgent: 'ticketboss-desktop',
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/devices${path}`,
      stage: 'devices',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'res1',
      resourcePath: '/{proxy+}',
    },
    body: options.body ?? null,
    isBase64Encoded: false,
  };
}

/** An API Gateway WebSocket event for `routeKey` on one connection (headers only on $connect, as API Gateway sends). */
export function webSocketEvent(
  routeKey: string,
  connectionId: string,
  options: { body?: string; headers?: Record<string, string> } = {},
) {
  return {
    requestContext: {
      routeKey,
      connectionId,
      eventType: routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE',
      apiId: 'ws123',
      stage: 'live',
      domainName: 'ws.ticketboss.example',
      requestId: randomUUID(),
      messageId: randomUUID(),
      connectedAt: Date.now(),
      requestTimeEpoch: Date.now(),
      extendedRequestId: randomUUID(),
      messageDirection: 'IN',
    },
    isBase64Encoded: false,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
  } as unknown as APIGatewayProxyWebsocketEventV2;
}
