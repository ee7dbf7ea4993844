// bench:live's WebSocket watchers, in a child process of their own (each socket is a file descriptor on both ends,
// and one process may hold 20,000): `count` sockets to the local server's /v1/live, each subscribed to the event.
// The parent says which seat changes next; each socket notes when it heard it (epoch ms, high resolution).
import WebSocket from 'ws';
import type { LiveServerMessage } from '../../../cloud/contract/index.ts';

type FromParent =
  | { type: 'start'; url: string; eventId: string; count: number }
  | { type: 'expect'; seatId: string }
  | { type: 'collect' }
  | { type: 'stop' };

const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
let expected: string | null = null;
let seenAt: number[] = [];
let seenCount = 0;

function open(url: string, eventId: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/live`);
    socket.once('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as LiveServerMessage;
      if (message.type === 'subscribed') resolve();
      else if (message.type === 'changes' && expected && seenAt[index] === undefined) {
        if (message.changes.some((change) => change.seatId === expected)) {
          seenAt[index] = now();
          if (++seenCount === sockets.length) process.send!({ type: 'all-seen' });
        }
      }
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', eventId })));
    sockets.push(socket);
  });
}

process.on('message', async (message: FromParent) => {
  if (message.type === 'start') {
    let connected = 0;
    let failed = 0;
    // A few hundred handshakes at a time: the server and this process share two cores with everything else.
    for (let next = 0; next < message.count; next += 250) {
      const batch = Array.from({ length: Math.min(250, message.count - next) }, (_, i) =>
        open(message.url, message.eventId, next + i).then(
          () => connected++,
          () => failed++,
        ),
      );
      await Promise.all(batch);
    }
    process.send!({ type: 'ready', connected, failed });
  } else if (message.type === 'expect') {
    expected = message.seatId;
    seenAt = new Array<number>(sockets.length);
    seenCount = 0;
    process.send!({ type: 'expecting' });
  } else if (message.type === 'collect') {
    process.send!({ type: 'seen', times: [...seenAt].filter((t) => t !== undefined), of: sockets.length });
  } else {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
