// Realistic API Gateway HTTP API (payload v2) events, typed by @types/aws-lambda, for calling handlers as Lambda does.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

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
