// The S3 live delta store (issue 20) against a local S3-compatible server (test/support/s3-stub.ts, with S3's
// conditional writes): documents and heads land at the API's paths with the API's cache-control; an event without a
// head reads as version 0 and its first document is version 1; writers racing on one event (two fan-outs, a restarted
// one, one stopped between its document and its head) never write a version twice or leave a gap, and a shop
// catching up from any version it was given reads every change.
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EMPTY_HEAD,
  liveDeltaKey,
  liveHeadKey,
  S3LiveDeltaReads,
  S3LiveDeltaStore,
  type S3LiveDeltaOptions,
} from '../../../cloud/adapters/live/s3-deltas.ts';
import { LiveDelta, LiveHead } from '../../../cloud/contract/index.ts';
import { catchUp } from '../../../cloud/domain/live/delta-versions.ts';
import { startS3Stub, type S3Stub } from '../../support/s3-stub.ts';

const BUCKET = 'live-deltas-test';
const EVENT = '00000000-0000-4000-8000-00000000000e';
const T0 = Date.parse('2030-01-10T12:00:00.250Z');
const at = (second: number) => new Date(T0 + second * 1000);
const seat = (seatId: string, version: number) => ({
  changes: [{ seatId, status: 'held' as const, version }],
});

describe('S3 live delta store', () => {
  let stub: S3Stub;
  const client = () =>
    new S3Client({
      region: 'eu-west-1',
      endpoint: stub.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  /** A writer as a fan-out instance makes it (its own client: instances share nothing but the bucket). */
  const writer = (options: S3LiveDeltaOptions = {}) => new S3LiveDeltaStore(client(), BUCKET, options);
  const stored = (key: string) => stub.objects.get(key);
  const storedJson = (key: string): unknown => JSON.parse(stored(key)!.body.toString());
  /** Every document of the event in the bucket, by version. */
  const documents = () =>
    [...stub.objects.keys()]
      .filter((key) => key.startsWith(`v1/events/${EVENT}/live/deltas/`))
      .map((key) => LiveDelta.parse(storedJson(key)))
      .sort((a, b) => a.version - b.version);

  beforeAll(async () => {
    stub = await startS3Stub(BUCKET);
  });
  beforeEach(() => {
    stub.objects.clear();
    stub.calls.length = 0;
  });
  afterAll(async () => stub?.close());

  it('writes the first document as version 1 at the API’s path, cached a year, tagged for the lifecycle', async () => {
    const store = writer();
    expect(await store.head(EVENT)).toEqual(EMPTY_HEAD);
    expect(await store.get(EVENT, 1)).toBeNull();

    const document = await store.append(EVENT, at(0), { ...seat('A-1', 3), ga: [] });
    expect(document).toEqual({
      eventId: EVENT,
      version: 1,
      previous: 0,
      at: '2030-01-10T12:00:00.000Z',
      changes: [{ seatId: 'A-1', status: 'held', version: 3 }],
    });
    const object = stored(`v1/events/${EVENT}/live/deltas/1`)!;
    expect(liveDeltaKey(EVENT, 1)).toBe(`v1/events/${EVENT}/live/deltas/1`);
    expect(object.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(object.contentType).toBe('application/json');
    expect(object.tagging).toBe('ticketboss-live=delta');
    expect(JSON.parse(object.body.toString())).toEqual(document);

    const head = stored(liveHeadKey(EVENT))!;
    expect(liveHeadKey(EVENT)).toBe(`v1/events/${EVENT}/live/head`);
    expect(head.cacheControl).toBe('public, max-age=1');
    expect(head.contentType).toBe('application/json');
    // Heads are not tagged: the lifecycle keeps them (they carry the numbering).
    expect(head.tagging).toBeUndefined();
    // What the shop reads: a LiveHead.
    expect(LiveHead.parse(JSON.parse(head.body.toString()))).toEqual({
      eventId: EVENT,
      version: 1,
      oldest: 1,
      generatedAt: '2030-01-10T12:00:00.000Z',
    });
    // Each version was claimed: the document and the first head only if absent.
    expect(stub.calls.filter((c) => c.operation === 'PutObject').map((c) => c.condition)).toEqual([
      'if-none-match: *',
      'if-none-match: *',
    ]);
    expect(await store.head(EVENT)).toEqual({ version: 1, oldest: 1 });
    expect(await store.get(EVENT, 1)).toEqual(document);
  });

  it('writes at most one document a second, and moves the head only on the ETag it read', async () => {
    const store = writer();
    await store.append(EVENT, at(0), seat('A-1', 1));
    const puts = () => stub.calls.filter((c) => c.operation === 'PutObject').length;
    const before = puts();
    expect(await store.append(EVENT, new Date(T0 + 700), seat('A-2', 1))).toBeNull();
    expect(puts()).toBe(before);
    const etag = stored(liveHeadKey(EVENT))!.etag;
    expect(await store.append(EVENT, at(1), seat('A-2', 1))).toMatchObject({ version: 2, previous: 1 });
    expect(stub.calls.at(-1)).toMatchObject({ key: liveHeadKey(EVENT), condition: `if-match: ${etag}` });
  });

  it('lets two fan-outs race on one event without a duplicate version or a gap', async () => {
    const a = writer();
    const b = writer();
    const returned: LiveDelta[] = [];
    let seatVersion = 0;
    // Rounds of both writing at once, on clocks a second apart or in step, sometimes three at once.
    for (let round = 0; round < 40; round++) {
      const second = round * 2;
      const racers = [a, b, ...(round % 5 === 0 ? [writer()] : [])];
      const results = await Promise.all(
        racers.map((store, i) =>
          store.append(EVENT, at(second + (round % 2 === 0 ? 0 : i % 2)), seat(`S-${i}`, ++seatVersion)),
        ),
      );
      const written = results.filter((r): r is LiveDelta => r !== null);
      // Someone wrote; in step, exactly one (one document a second).
      expect(written.length).toBeGreaterThanOrEqual(1);
      if (round % 2 === 0) expect(written).toHaveLength(1);
      returned.push(...written);
    }
    const chain = documents();
    // Versions 1 … n, each naming the one before, each second at most once, in order.
    expect(chain.map((d) => d.version)).toEqual(chain.map((_, i) => i + 1));
    for (const document of chain) expect(document.previous).toBe(document.version - 1);
    const seconds = chain.map((d) => Date.parse(d.at));
    expect(seconds).toEqual([...new Set(seconds)].sort((x, y) => x - y));
    // What each writer was told it wrote is what is stored under that version (no version written twice).
    expect(returned.length).toBe(chain.length);
    for (const document of returned) expect(chain[document.version - 1]).toEqual(document);
    // The head names the newest.
    expect(await writer().head(EVENT)).toMatchObject({ version: chain.length });
  });

  it('carries on from a document whose head was never written, and a restarted writer never reuses a version', async () => {
    const a = writer();
    await a.append(EVENT, at(0), seat('A-1', 1));
    const headAtOne = stored(liveHeadKey(EVENT))!;
    await a.append(EVENT, at(1), seat('A-2', 1));
    // As if the writer of version 2 stopped between its document and its head.
    stub.objects.set(liveHeadKey(EVENT), headAtOne);
    expect(await a.head(EVENT)).toMatchObject({ version: 1 });

    const restarted = writer();
    // In version 2's second: that second has its document, so the changes wait (no write at all).
    expect(await restarted.append(EVENT, new Date(T0 + 1500), seat('A-3', 1))).toBeNull();
    expect(await restarted.append(EVENT, at(2), seat('A-3', 1))).toMatchObject({ version: 3, previous: 2 });
    expect(documents().map((d) => d.version)).toEqual([1, 2, 3]);
    expect(await restarted.head(EVENT)).toMatchObject({ version: 3 });
  });

  it('never moves the head back when a slower writer’s head lands after a newer one', async () => {
    const a = writer();
    await a.append(EVENT, at(0), seat('A-1', 1));
    const b = writer();
    await b.append(EVENT, at(1), seat('A-2', 1));
    await a.append(EVENT, at(2), seat('A-3', 1));
    expect(await writer().head(EVENT)).toMatchObject({ version: 3 });
    expect(documents().map((d) => d.version)).toEqual([1, 2, 3]);
  });

  it('lets a shop holding any version catch up from the heads and documents alone', async () => {
    const a = writer();
    const b = writer();
    for (let second = 0; second < 12; second++) {
      await Promise.all([
        a.append(EVENT, at(second), seat('A-1', second * 2 + 1)),
        b.append(EVENT, at(second), seat('B-1', second + 1)),
      ]);
    }
    const reader = new S3LiveDeltaReads(client(), BUCKET);
    const head = await reader.head(EVENT);
    for (let known = 0; known < head.version; known++) {
      const plan = catchUp(known, head);
      expect(plan.kind).toBe('fetch');
      const fetched = await Promise.all(
        (plan as { versions: number[] }).versions.map((version) => reader.get(EVENT, version)),
      );
      expect(fetched.map((d) => (d as LiveDelta).previous)).toEqual(
        Array.from({ length: head.version - known }, (_, i) => known + i),
      );
    }
    expect(await reader.get(EVENT, head.version + 1)).toBeNull();
  });

  it('keeps a read head a second for the API’s snapshots, and answers a document the lifecycle took as gone', async () => {
    let now = T0;
    const reader = new S3LiveDeltaReads(client(), BUCKET, { headMaxAgeMs: 1000, now: () => now });
    const store = writer();
    expect(await reader.head(EVENT)).toEqual(EMPTY_HEAD);
    await store.append(EVENT, at(0), seat('A-1', 1));
    await store.append(EVENT, at(1), seat('A-2', 1));
    expect(await reader.head(EVENT)).toEqual(EMPTY_HEAD);
    now += 1000;
    expect(await reader.head(EVENT)).toEqual({ version: 2, oldest: 1 });
    stub.objects.delete(liveDeltaKey(EVENT, 1));
    expect(await reader.get(EVENT, 1)).toBe('gone');
    expect(await reader.get(EVENT, 2)).toMatchObject({ version: 2 });
  });
});
