// A venue's logo over the bridge (`venue:logo`): the main process fetches the logo's versioned address and answers a
// data: URL an app:// page can show. Against the real local cloud: the uploaded PNG comes back byte for byte, asked
// once and then kept (in memory, and in the device cache so a restarted machine shows it offline). Against a broken
// or hostile server standing in for the cloud: a wrong content type, bytes that are not what the type says, an image
// over 200 KB (declared or only sent) and a 404 all answer no logo, never the bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { openCache } from '../../../main/cache/database.ts';
import { HttpCache } from '../../../main/cache/http-cache.ts';
import { createChannels } from '../../../main/bridge/channels.ts';
import { createBridgeHandler } from '../../../main/bridge/handler.ts';
import { CatalogFetcher } from '../../../main/sync/catalog-fetcher.ts';
import { CloudClient } from '../../../main/sync/cloud-client.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

const dir = mkdtempSync(join(tmpdir(), 'ticketboss-logos-'));
const ADMIN = { sub: 'admin-1', groups: ['admin'] };
const VENUE = '00000000-0000-4000-8000-000000000001';

const png = (width: number, height: number) => {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([30, 90, 200, 255], i);
  return PNG.sync.write(image);
};

/** The bridge of a machine whose cloud is at `url`, with its own device cache file. */
const bridgeTo = (url: string, file: string) => {
  const cache = new HttpCache(openCache(join(dir, file)));
  return createBridgeHandler(createChannels(new CloudClient(url), new CatalogFetcher(url, cache)));
};

const logoOf = async (invoke: ReturnType<typeof bridgeTo>, venueId: string, version: string) => {
  const answer = await invoke('venue:logo', { venueId, version });
  if (!answer.ok) throw new Error(answer.problem.detail);
  return (answer.value as { dataUrl: string | null }).dataUrl;
};

describe('venue logos over the bridge', () => {
  let cloud: LocalCloud;
  let fake: Server;
  let fakeUrl = '';
  const fakeAnswers = new Map<string, { type: string; body: Buffer; length?: number; status?: number }>();
  const fakeSeen: string[] = [];

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    fake = createServer((request, response) => {
      fakeSeen.push(request.url ?? '');
      const version = new URL(request.url ?? '/', 'http://fake').searchParams.get('v') ?? '';
      const answer = fakeAnswers.get(version);
      if (!answer) return void response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{}');
      response.writeHead(answer.status ?? 200, {
        'content-type': answer.type,
        ...(answer.length !== undefined ? { 'content-length': String(answer.length) } : {}),
      });
      // Without a declared length the body goes in chunks (read until the limit); with one, it is refused unread.
      if (answer.length !== undefined) return void response.end(answer.body);
      response.write(answer.body.subarray(0, 1024));
      response.end(answer.body.subarray(1024));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await cloud?.close();
    await new Promise((resolve) => fake?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the uploaded logo as a data: URL, fetched once, and still there offline after a restart', async () => {
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Linz', timezone: 'Europe/Vienna' });
    const bytes = png(40, 20);
    const saved = await cloud.services.backOffice.logos.set(ADMIN, venue.id, { bytes, contentType: 'image/png' });
    const version = new URL(saved.logoUrl!, cloud.url).searchParams.get('v')!;
    let logoRequests = 0;
    const counting = (request: Request) =>
      request.url.includes(`/venues/${venue.id}/logo`) ? void (logoRequests += 1) : undefined;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      counting(new Request(input, init));
      return realFetch(input, init);
    };
    try {
      const invoke = bridgeTo(cloud.url, 'machine.db');
      const dataUrl = await logoOf(invoke, venue.id, version);
      expect(dataUrl).toMatch(/^data:image\/png;base64,/);
      expect(Buffer.from(dataUrl!.split(',')[1]!, 'base64').equals(Buffer.from(bytes))).toBe(true);
      expect(await logoOf(invoke, venue.id, version)).toBe(dataUrl);
      expect(logoRequests).toBe(1);

      // A restarted machine with the cloud gone: the same logo from the device cache.
      const restarted = bridgeTo('http://127.0.0.1:9', 'machine.db');
      expect(await logoOf(restarted, venue.id, version)).toBe(dataUrl);
      // A venue without a logo (the cloud's 404): no logo, and no error for the screen.
      const bare = await cloud.services.admin.createVenue({ name: 'Bare', city: 'Linz', timezone: 'Europe/Vienna' });
      expect(await logoOf(invoke, bare.id, 'abc123')).toBeNull();
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('answers no logo for a wrong type, bytes that are not the type said, or an image over 200 KB', async () => {
    const good = png(8, 8);
    fakeAnswers.set('a1', { type: 'image/png', body: good });
    fakeAnswers.set('b2', { type: 'text/html', body: Buffer.from('<script>alert(1)</script>') });
    fakeAnswers.set('c3', { type: 'image/png', body: Buffer.from('<svg onload="alert(1)"></svg>') });
    fakeAnswers.set('d4', { type: 'image/jpeg', body: good });
    // Over 200 KB: sent in chunks with no length said (read no further than the limit), or with its length said.
    const big = Buffer.concat([good, Buffer.alloc(201 * 1024)]);
    fakeAnswers.set('e5', { type: 'image/png', body: big });
    fakeAnswers.set('f6', { type: 'image/png', body: big, length: big.length });
    fakeAnswers.set('a7', { type: 'image/svg+xml', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    const invoke = bridgeTo(fakeUrl, 'hostile.db');

    expect(await logoOf(invoke, VENUE, 'a1')).toBe(`data:image/png;base64,${good.toString('base64')}`);
    for (const version of ['b2', 'c3', 'd4', 'e5', 'f6']) {
      expect(await logoOf(invoke, VENUE, version), version).toBeNull();
    }
    expect(await logoOf(invoke, VENUE, 'a7')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await logoOf(invoke, VENUE, 'ff')).toBeNull();
    // What the bridge refuses before any fetch: a version that is not the logo address's hex.
    const bad = await invoke('venue:logo', { venueId: VENUE, version: '../../admin' });
    expect(bad).toMatchObject({ ok: false, problem: { status: 400 } });
    expect(fakeSeen.some((url) => url.includes('admin'))).toBe(false);
  });
});
