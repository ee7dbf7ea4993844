// bench:live's watchers, in a child process of their own (so the server's process does only the origin's work, and
// each WebSocket is a file descriptor at both ends: one process may hold 20,000). `count` watchers of one kind:
//   ws     — sockets to the local server's /v1/live, each subscribed to the event;
//   deltas — the shop's own delta poller (renderer/client/live-deltas.ts), started from the snapshot's liveVersion,
//            through a caching edge like a CDN's (./cdn.ts) that counts the requests reaching the origin.
// The parent says which seat changes next; each watcher notes when it heard it (epoch ms, high resolution), and the
// child says when all have.
import WebSocket from 'ws';
import type { LiveChanges, LiveServerMessage } from '../../../cloud/contract/index.ts';
import { pollLiveDeltas } from '../../../renderer/client/live-deltas.ts';
import { CachingEdge } from './cdn.ts';

export type WatcherStart = {
  type: 'start';
  kind: 'ws' | 'deltas';
  url: string;
  eventId: string;
  count: number;
  since?: number;
};
type FromParent = WatcherStart | { type: 'expect'; seatId: string } | { type: 'collect' } | { type: 'stop' };

const now = () => performance.timeOrigin + performance.now();
const closers: (() => void)[] = [];
let edge: CachingEdge | null = null;
let expected: string | null = null;
let seenAt: number[] = [];
let seenCount = 0;
let resyncs = 0;

/** Watcher `index` heard a change message. */
function heard(index: number, message: LiveChanges): void {
  if (!expected || seenAt[index] !== undefined) return;
  if (!message.changes.some((change) => change.seatId === expected)) return;
  seenAt[index] = now();
  if (++seenCount === closers.length) process.send!({ type: 'all-seen' });
}

function openSocket(url: string, eventId: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/live`);
    socket.once('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as LiveServerMessage;
      if (message.type === 'subscribed') resolve();
      else if (message.type === 'changes') heard(index, message);
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', eventId })));
    closers.push(() => socket.terminate());
  });
}

async function start({ kind, url, eventId, count, since }: WatcherStart) {
  let connected = 0;
  let failed = 0;
  if (kind === 'deltas') {
    edge = new CachingEdge(url);
    for (let index = 0; index < count; index++) {
      const poller = pollLiveDeltas(
        { baseUrl: '', eventId, since, fetch: edge.fetch },
        { onChanges: (message) => heard(index, message), onSubscribed: () => resyncs++ },
      );
      closers.push(() => poller.close());
      connected++;
    }
  } else {
    // A few hundred handshakes at a time: the server and this process share two cores with everything else.
    for (let next = 0; next < count; next += 250) {
      const batch = Array.from({ length: Math.min(250, count - next) }, (_, i) =>
        openSocket(url, eventId, next + i).then(
          () => connected++,
          () => failed++,
        ),
      );
      await Promise.all(batch);
    }
  }
  process.send!({ type: 'ready', connected, failed });
}

process.on('message', (message: FromParent) => {
  if (message.type === 'start') void start(message);
  else if (message.type === 'expect') {
    expected = message.seatId;
    seenAt = new Array<number>(closers.length);
    seenCount = 0;
    process.send!({ type: 'expecting', originRequests: edge?.originRequests ?? 0 });
  } else if (message.type === 'collect') {
    process.send!({
      type: 'seen',
      times: [...seenAt].filter((t) => t !== undefined),
      originRequests: edge?.originRequests ?? 0,
      edgeRequests: edge?.edgeRequests ?? 0,
      resyncs,
    });
  } else {
    for (const close of closers) close();
    process.exit(0);
  }
});
