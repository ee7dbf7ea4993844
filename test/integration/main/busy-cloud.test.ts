// The machines and a busy cloud (429, 503 with Retry-After), against a scripted HTTP server: a read is asked again
// no sooner than Retry-After and answers; a hold (no Idempotency-Key) is not repeated but hands the Retry-After to the
// screen; a catalog read that stays busy answers from the cache; the live relay waits out a refused upgrade.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { apiPaths, apiRoutes } from '../../../cloud/contract/routes.ts';
import { openCache } from '../../../main/cache/database.ts';
import { HttpCache } from '../../../main/cache/http-cache.ts';
import { CatalogFetcher } from '../../../main/sync/catalog-fetcher.ts';
import { CloudClient, CloudProblem } from '../../../main/sync/cloud-client.ts';
import { LiveRelay } from '../../../main/sync/live-relay.ts';

const dir = mkdtempSync(join(tmpdir(), 'ticketboss-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Scripted {
  status: number;
  retryAfter?: string;
  body: unknown;
  /** Sent as is, as text/html (a proxy's or the WAF's page), instead of the JSON body. */
  html?: string;
}

/** Answers the scripted answers in turn (the last one for ever), and notes when each request came. */
async function scriptedServer(answers: Scripted[]): Promise<{ server: Server; url: string; arrivals: number[] }> {
  const arrivals: number[] = [];
  const server = createServer((request, response) => {
    arrivals.push(Date.now());
    request.resume();
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    response.writeHead(answer.status, {
      'content-type':
        answer.html !== undefined
          ? 'text/html'
          : answer.status >= 400
            ? 'application/problem+json'
            : 'application/json',
      ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}),
    });
    response.end(answer.html ?? JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

const busy = (status: number, retryAfter: string): Scripted => ({
  status,
  retryAfter,
  body: {
    type: `https://ticketboss.dev/problems/${status === 429 ? 'rate_limited' : 'overloaded'}`,
    status,
    detail: 'busy',
  },
});

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

describe('a busy cloud', () => {
  it('a read answered 429 is asked again no sooner than Retry-After, and answers', async () => {
    const { server, url, arrivals } = await scriptedServer([busy(429, '1'), { status: 200, body: { events: [] } }]);
    servers.push(server);
    const answer = await new CloudClient(url).call<{ events: unknown[] }>(apiRoutes.listEvents, apiPaths.events());
    expect(answer).toEqual({ events: [] });
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('a hold (no Idempotency-Key) answered 429 is not repeated: the screen gets the Retry-After', async () => {
    const { server, url, arrivals } = await scriptedServer([busy(429, '8')]);
    servers.push(server);
    const hold = new CloudClient(url).call(apiRoutes.createHold, apiPaths.eventHolds('e'), {
      body: { seatIds: ['a'] },
    });
    const problem = await hold.catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(CloudProblem);
    expect((problem as CloudProblem).problem).toMatchObject({ status: 429, retryAfterSeconds: 8 });
    expect(arrivals).toHaveLength(1);
  });

  it('a catalog read that stays busy waits by Retry-After a few times, then answers from the cache', async () => {
    const { server, url, arrivals } = await scriptedServer([busy(503, '2')]);
    servers.push(server);
    const cache = new HttpCache(openCache(join(dir, 'catalog.db')));
    cache.put('/v1/events', { body: '{"events":[1]}', etag: null, fetchedAt: '2026-12-07T09:00:00.000Z' });
    const waits: number[] = [];
    const fetcher = new CatalogFetcher(url, cache, { sleep: async (ms) => void waits.push(ms) });
    const answer = await fetcher.get<{ events: number[] }>('/v1/events');
    expect(answer).toEqual({ value: { events: [1] }, offline: true, fetchedAt: '2026-12-07T09:00:00.000Z' });
    expect(arrivals).toHaveLength(4);
    expect(waits).toHaveLength(3);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(2000);
  });

  it("a catalog read refused with a proxy's HTML page (not JSON) fails with a readable error, not a parse error", async () => {
    const page = '<html><body><h1>503 Service Unavailable</h1>Request blocked.</body></html>';
    const { server, url, arrivals } = await scriptedServer([{ status: 503, retryAfter: '1', body: null, html: page }]);
    servers.push(server);
    const cache = new HttpCache(openCache(join(dir, 'catalog-html.db')));
    const fetcher = new CatalogFetcher(url, cache, { sleep: async () => undefined });
    const failure = await fetcher.get('/v1/events').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(SyntaxError);
    expect((failure as Error).message).toBe('The cloud answered 503');
    expect(arrivals).toHaveLength(4);
  });

  it('the live relay waits out the Retry-After of a refused upgrade before it connects again', async () => {
    const upgrades: number[] = [];
    const server = createServer();
    server.on('upgrade', (_request, socket) => {
      upgrades.push(Date.now());
      socket.on('error', () => undefined); // the relay drops its side as soon as it has read the refusal
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const secondTry = new Promise<void>((resolve) => server.on('upgrade', () => upgrades.length === 2 && resolve()));
    const relay = new LiveRelay(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/live`, () => undefined);
    relay.subscribe('e');
    await secondTry;
    relay.close();
    // Without it the relay would be back within 0.75 s (its first reconnect step).
    expect(upgrades[1]! - upgrades[0]!).toBeGreaterThanOrEqual(2000);
  });
});
