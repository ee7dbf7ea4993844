// The shop's delta poller (issue 20): it applies the documents it lacks in version order through the socket's
// handlers, starting from the snapshot's version, and after a gap (a document gone, or a snapshot too old) it asks
// for the snapshot again and carries on from the head it read.
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveChanges, LiveDelta, LiveHead } from '../../../../cloud/contract/index.ts';
import { shopPaths } from '../../../../cloud/contract/shop-routes.ts';
import { pollLiveDeltas } from '../../../../renderer/client/live-deltas.ts';
import type { LiveSubscription } from '../../../../renderer/client/ticketing-client.ts';

const EVENT = '00000000-0000-4000-8000-000000000001';

// What a test awaits: woken on every request and every message heard.
const waiters: (() => void)[] = [];
const wake = () => {
  for (const waiter of waiters.splice(0)) waiter();
};
async function until(done: () => boolean) {
  while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
}

/** A server of head and documents; a document's answer can be held back to make it arrive late. */
function server() {
  let head: LiveHead | null = {
    eventId: EVENT,
    version: 100,
    oldest: 90,
    generatedAt: '2030-01-10T12:00:00.000Z',
  };
  const documents = new Map<number, LiveDelta>();
  const late = new Map<number, Promise<void>>();
  const asked: string[] = [];
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const path = String(input);
    asked.push(path);
    wake();
    if (path === shopPaths.liveHead(EVENT)) {
      // No head: an event without documents, as S3 answers through CloudFront.
      return head ? Response.json(head) : new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404 });
    }
    const version = Number(path.split('/').pop());
    await late.get(version);
    const document = documents.get(version);
    return document ? Response.json(document) : Response.json({ type: 'gone' }, { status: 410 });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    asked,
    late,
    setHead(version: number | null, oldest = 90) {
      head =
        version === null
          ? null
          : { eventId: EVENT, generatedAt: '2030-01-10T12:00:00.000Z', version, oldest: Math.min(oldest, version) };
    },
    add(version: number, seatId: string) {
      documents.set(version, {
        eventId: EVENT,
        version,
        previous: version - 1,
        at: '2030-01-10T12:00:00.000Z',
        changes: [{ seatId, status: 'held', version: 1 }],
      });
    },
  };
}

/** Handlers that resolve waiters as messages come. */
function listener() {
  const heard: string[] = [];
  let resyncs = 0;
  return {
    heard,
    get resyncs() {
      return resyncs;
    },
    handlers: {
      onChanges(message: LiveChanges) {
        heard.push(...message.changes.map((c) => c.seatId));
        wake();
      },
      onSubscribed() {
        resyncs++;
        wake();
      },
    },
  };
}

let subscription: LiveSubscription | undefined;
afterEach(() => subscription?.close());
const poll = (
  s: ReturnType<typeof server>,
  since: number | undefined,
  handlers: ReturnType<typeof listener>['handlers'],
) =>
  (subscription = pollLiveDeltas(
    { baseUrl: '', eventId: EVENT, since, intervalMs: 0, jitterMs: 0, fetch: s.fetch },
    handlers,
  ));

describe('the delta poller', () => {
  it("applies the documents after the snapshot's version in order, even when an earlier one arrives last", async () => {
    const s = server();
    s.add(101, 'A-1');
    s.add(102, 'A-2');
    s.add(103, 'A-3');
    s.setHead(103);
    let release!: () => void;
    s.late.set(101, new Promise((resolve) => (release = resolve)));
    const l = listener();
    poll(s, 100, l.handlers);
    // 102 and 103 are fetched (at once) but wait for 101.
    await until(() => s.asked.includes(shopPaths.liveDelta(EVENT, '103')));
    expect(l.heard).toEqual([]);
    release();
    await until(() => l.heard.length === 3);
    expect(l.heard).toEqual(['A-1', 'A-2', 'A-3']);
    expect(l.resyncs).toBe(0);

    // The next second's document, once the head names it.
    s.add(104, 'A-4');
    s.setHead(104);
    await until(() => l.heard.length === 4);
    expect(l.heard[3]).toBe('A-4');
    // No document was asked for twice.
    const deltas = s.asked.filter((path) => path !== shopPaths.liveHead(EVENT));
    expect(new Set(deltas).size).toBe(deltas.length);
  });

  it('reads the snapshot again after a document is gone, and goes on from the head it read', async () => {
    const s = server();
    s.add(102, 'A-2'); // 101 is gone (410)
    s.setHead(102);
    const l = listener();
    poll(s, 100, l.handlers);
    await until(() => l.resyncs === 1);
    s.add(103, 'A-3');
    s.setHead(103);
    await until(() => l.heard.includes('A-3'));
    // Nothing of before the re-read is applied over it, and 102 (in the re-read snapshot) is not fetched again.
    expect(l.heard).toEqual(['A-3']);
  });

  it('reads the snapshot again when the snapshot is older than the kept window', async () => {
    const s = server();
    s.setHead(100, 95);
    const l = listener();
    poll(s, 80, l.handlers);
    await until(() => l.resyncs === 1);
    expect(s.asked.every((path) => path === shopPaths.liveHead(EVENT))).toBe(true);
  });

  it('without a starting version, takes the first head as its subscription (a snapshot read after it)', async () => {
    const s = server();
    const l = listener();
    poll(s, undefined, l.handlers);
    await until(() => l.resyncs === 1);
    s.add(101, 'A-1');
    s.setHead(101);
    await until(() => l.heard.length === 1);
    expect(l.heard).toEqual(['A-1']);
  });

  it('reads a missing head (an event without documents yet) as version 0, and applies its first document', async () => {
    const s = server();
    s.setHead(null);
    const l = listener();
    const online: boolean[] = [];
    subscription = pollLiveDeltas(
      { baseUrl: '', eventId: EVENT, since: 0, intervalMs: 0, jitterMs: 0, fetch: s.fetch },
      { ...l.handlers, onStatus: (status) => online.push(status) },
    );
    await until(() => s.asked.filter((path) => path === shopPaths.liveHead(EVENT)).length >= 3);
    // Nothing new, no snapshot read again, and not offline.
    expect(l.resyncs).toBe(0);
    expect(online).toEqual([true]);
    s.add(1, 'A-1');
    s.setHead(1, 1);
    await until(() => l.heard.length === 1);
    expect(l.heard).toEqual(['A-1']);
    expect(l.resyncs).toBe(0);
  });
});
