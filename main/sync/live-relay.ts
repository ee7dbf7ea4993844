// Keeps one WebSocket to the cloud's live seat view for the whole app and relays what the renderer subscribed to.
// It relays the cloud's confirmation of each subscription too: the renderer reads its snapshot then, so a change made
// between an earlier read and the subscription is not missed. On a drop it reconnects with backoff and subscribes
// again (never sooner than a refused upgrade's Retry-After); the new confirmations make the renderer read fresh
// snapshots (changes may have been missed). The hub closing a socket that watched nothing (LIVE_CLOSE_IDLE) is no
// drop: the relay stays "online" and opens a socket again when the renderer next subscribes (a box office sitting on
// its event list is not offline every minute).
import WebSocket from 'ws';
import type { LivePush } from '../../preload/bridge.ts';
import { LIVE_CLOSE_IDLE, type LiveServerMessage } from '../../cloud/contract/index.ts';
import { backOffMs, LIVE_RECONNECT_BACK_OFF, retryAfterMs } from '../../cloud/domain/retry/back-off.ts';

export class LiveRelay {
  private socket: WebSocket | null = null;
  private readonly events = new Set<string>();
  private attempts = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private everConnected = false;
  /** Whether the last socket dropped (the renderer was told offline). */
  private dropped = false;
  /** The hub's Retry-After when it refused the last upgrade (too many sockets, or full). */
  private retryAfter: number | null = null;

  constructor(
    private readonly url: string,
    private readonly push: (message: LivePush) => void,
  ) {}

  subscribe(eventId: string): void {
    this.events.add(eventId);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'subscribe', eventId }));
    else this.connect();
  }

  unsubscribe(eventId: string): void {
    this.events.delete(eventId);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'unsubscribe', eventId }));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.terminate();
  }

  private connect(): void {
    if (this.closed || this.socket) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.on('open', () => {
      this.attempts = 0;
      for (const eventId of this.events) socket.send(JSON.stringify({ type: 'subscribe', eventId }));
      if (!this.everConnected || this.dropped) this.push({ type: 'connection', online: true });
      this.everConnected = true;
      this.dropped = false;
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as LiveServerMessage;
      if (message.type === 'changes') this.push(message);
      else if (message.type === 'subscribed') this.push({ type: 'subscribed', eventId: message.eventId });
    });
    socket.on('unexpected-response', (_request, response) => {
      // The hub refused the upgrade (429, 503): wait as long as it asks before the next try.
      this.retryAfter = retryAfterMs(response.headers['retry-after'], new Date());
      socket.terminate();
    });
    socket.on('error', () => {
      // 'close' follows and schedules the retry
    });
    socket.on('close', (code) => {
      this.socket = null;
      if (code === LIVE_CLOSE_IDLE && !this.closed) {
        // Closed on purpose while it watched nothing; a subscribe sent just before the close is sent again now.
        if (this.events.size > 0) this.connect();
        return;
      }
      this.dropped = true;
      this.push({ type: 'connection', online: false });
      if (this.closed || this.events.size === 0) return;
      const wait = backOffMs(++this.attempts, this.retryAfter, Math.random, LIVE_RECONNECT_BACK_OFF);
      this.retryAfter = null;
      this.timer = setTimeout(() => this.connect(), wait);
    });
  }
}
