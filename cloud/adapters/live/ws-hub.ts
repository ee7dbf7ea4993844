// The live seat view on one machine: a `ws` server on the API's own port at /v1/live. Clients subscribe to events;
// every committed change is fanned out to that event's subscribers. Implements the LiveBus port.
// Nothing a client sends may stop the process: every raw socket and every WebSocket has an `error` listener (`ws`
// itself answers a broken frame with its close code: 1009 too big, 1002 protocol error, 1007 invalid UTF-8), the
// upgrade is refused before the handshake when a bound is reached, and what one socket may do is bounded by
// LIVE_LIMITS (limits.ts).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { PROBLEM_BASE, type LiveChanges, type ProblemDetails } from '../../contract/index.ts';
import { LIVE_PATH } from '../../contract/routes.ts';
import type { LiveBus } from '../../services/ports.ts';
import { CLOSE, LIVE_LIMITS, type LiveLimits } from './limits.ts';
import { answerLiveMessage } from './protocol.ts';

export interface WsLiveHubOptions {
  /** Whether an event may be watched (exists and is public). */
  canWatch: (eventId: string) => Promise<boolean>;
  /** Bounds other than LIVE_LIMITS (tests shorten the idle time, for one). */
  limits?: Partial<LiveLimits>;
  /** Where a fault of ours is reported (a failed lookup, a throwing upgrade); a client's garbage is not logged. */
  onError?: (message: string, error: unknown) => void;
}

/** One socket's state: what it watches, its message tokens, the timer that closes it while it watches nothing, and
 * whether it has closed (a subscribe still waiting on `canWatch` then adds nothing). */
interface SocketState {
  events: Set<string>;
  closed: boolean;
  tokens: number;
  refilledAt: number;
  idle: NodeJS.Timeout | undefined;
}

const CLOSE_GRACE_MS = 1000;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** The path of an upgrade request, or null when its target is not a URL (a hostile request line). */
function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/** Answers an upgrade with an HTTP problem (RFC 9457) and closes the connection: no handshake, no WebSocket. */
function refuseUpgrade(socket: Duplex, status: number, code: string, detail: string): void {
  if (socket.destroyed) return;
  const problem: ProblemDetails = {
    type: PROBLEM_BASE + code,
    title: REASONS[status]!,
    status,
    detail,
  };
  const body = JSON.stringify(problem);
  // Gone once the answer is written: a client that never closes its side keeps nothing of ours.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n` +
      `Cache-Control: no-store\r\n${status === 429 || status === 503 ? 'Retry-After: 10\r\n' : ''}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Sends our close frame and drops the connection a second later: a hostile client that never answers it is gone
 * then, not after ws's 30 s. */
function closeAndDrop(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}

export class WsLiveHub implements LiveBus {
  private readonly limits: LiveLimits;
  private readonly server: WebSocketServer;
  private readonly subscribers = new Map<string, Set<WebSocket>>();
  private readonly socketsByAddress = new Map<string, number>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly report: (message: string, error: unknown) => void;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: WsLiveHubOptions) {
    this.limits = { ...LIVE_LIMITS, ...options.limits };
    this.report = options.onError ?? ((message, error) => console.error(message, error));
    this.server = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxMessageBytes });
    this.server.on('connection', (socket: WebSocket, request: IncomingMessage) => this.onConnection(socket, request));
    this.server.on('error', (error) => this.report('live hub error', error));
    // A handshake ws refuses (no key, wrong version, a bad header): answered here as a problem, like the rest.
    this.server.on('wsClientError', (error: Error, socket: Duplex) =>
      refuseUpgrade(socket, 400, 'validation_failed', `Not a WebSocket handshake: ${error.message}`),
    );
  }

  attach(http: Server): void {
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(request, socket, head),
    );
    this.heartbeat = setInterval(() => this.sweepDeadConnections(), this.limits.heartbeatMs);
    this.heartbeat.unref();
  }

  async publish(message: LiveChanges): Promise<void> {
    const sockets = this.subscribers.get(message.eventId);
    if (!sockets || sockets.size === 0) return;
    const payload = JSON.stringify(message);
    for (const socket of sockets) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      // A socket that does not read would keep every push in our memory: it is dropped instead (it reconnects).
      if (socket.bufferedAmount > this.limits.maxBufferedBytes) socket.terminate();
      else socket.send(payload);
    }
  }

  subscriberCount(eventId: string): number {
    return this.subscribers.get(eventId)?.size ?? 0;
  }

  /** Sockets open now (all of them, or from one client address). */
  socketCount(address?: string): number {
    return address === undefined ? this.server.clients.size : (this.socketsByAddress.get(address) ?? 0);
  }

  /** Drops every client connection but keeps listening (a drain before a restart; clients reconnect and reload). */
  disconnectAll(): void {
    for (const socket of this.server.clients) socket.terminate();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node hands the raw socket over without its own error listener: a reset before (or during) the handshake
    // would otherwise be an uncaught 'error'. The WebSocket adds its own once the handshake is done.
    socket.on('error', () => socket.destroy());
    try {
      if (pathOf(request.url) !== LIVE_PATH) {
        refuseUpgrade(socket, 404, 'not_found', `WebSockets are served at ${LIVE_PATH} only.`);
        return;
      }
      if (this.server.clients.size >= this.limits.maxSockets) {
        refuseUpgrade(socket, 503, 'live_full', 'The live view is full; reload the seat map and try again later.');
        return;
      }
      const address = request.socket.remoteAddress ?? 'unknown';
      if (this.socketCount(address) >= this.limits.socketsPerAddress) {
        refuseUpgrade(socket, 429, 'rate_limited', `At most ${this.limits.socketsPerAddress} live sockets per client.`);
        return;
      }
      // Synchronous without verifyClient: the socket is counted (onConnection) before the next upgrade is read.
      this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
    } catch (error) {
      this.report('live upgrade failed', error);
      socket.destroy();
    }
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    const state: SocketState = {
      events: new Set(),
      closed: false,
      tokens: this.limits.messageBurst,
      refilledAt: performance.now(),
      idle: undefined,
    };
    this.socketsByAddress.set(address, this.socketCount(address) + 1);
    this.alive.add(socket);
    // A broken frame: ws has already sent its close code and drops the socket; nothing else to do, nothing to log.
    socket.on('error', () => undefined);
    socket.on('pong', () => this.alive.add(socket));
    socket.on('message', (data, isBinary) => this.onMessage(socket, state, data, isBinary));
    // Releases everything of the socket's; a subscribe answered after this (it waited on the database) is refused.
    socket.on('close', () => {
      state.closed = true;
      clearTimeout(state.idle);
      state.idle = undefined;
      for (const eventId of state.events) this.unwatch(socket, eventId);
      state.events.clear();
      const left = this.socketCount(address) - 1;
      if (left > 0) this.socketsByAddress.set(address, left);
      else this.socketsByAddress.delete(address);
    });
    this.armIdle(socket, state);
  }

  private onMessage(socket: WebSocket, state: SocketState, data: RawData, isBinary: boolean): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (!this.takeToken(state)) {
      closeAndDrop(socket, CLOSE.policyViolation, 'Too many messages');
      return;
    }
    // ws has checked a text message's UTF-8 already (1007 otherwise); a binary one is not the protocol's.
    const text = isBinary ? null : data.toString();
    answerLiveMessage(
      text,
      {
        list: async () => state.events,
        add: async (eventId, max) => {
          // The client may have gone while canWatch waited: its socket would stay in `subscribers` for good.
          if (state.closed || socket.readyState !== WebSocket.OPEN) return false;
          if (!state.events.has(eventId) && state.events.size >= max) return false;
          this.watch(socket, state, eventId);
          return true;
        },
        remove: async (eventId) => {
          this.unwatch(socket, eventId);
          state.events.delete(eventId);
          this.armIdle(socket, state);
        },
      },
      this.options.canWatch,
      this.limits.maxSubscriptions,
    )
      .catch((error: unknown) => {
        this.report('live message failed', error);
        return { type: 'error' as const, code: 'unavailable', detail: 'Try again in a moment.' };
      })
      .then((answer) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(answer));
      })
      .catch((error: unknown) => this.report('live answer not sent', error));
  }

  /** The socket's token bucket: `messageBurst` at once, refilled at `messagesPerSecond`. */
  private takeToken(state: SocketState): boolean {
    const now = performance.now();
    const refill = ((now - state.refilledAt) / 1000) * this.limits.messagesPerSecond;
    state.tokens = Math.min(this.limits.messageBurst, state.tokens + refill);
    state.refilledAt = now;
    if (state.tokens < 1) return false;
    state.tokens -= 1;
    return true;
  }

  private watch(socket: WebSocket, state: SocketState, eventId: string): void {
    state.events.add(eventId);
    let sockets = this.subscribers.get(eventId);
    if (!sockets) this.subscribers.set(eventId, (sockets = new Set()));
    sockets.add(socket);
    clearTimeout(state.idle);
    state.idle = undefined;
  }

  private unwatch(socket: WebSocket, eventId: string): void {
    const sockets = this.subscribers.get(eventId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.subscribers.delete(eventId);
  }

  /** A socket that watches nothing is closed after `idleUnsubscribedMs` (watching something clears the timer). */
  private armIdle(socket: WebSocket, state: SocketState): void {
    if (state.closed || state.events.size > 0 || state.idle) return;
    state.idle = setTimeout(() => {
      if (state.events.size === 0) closeAndDrop(socket, CLOSE.idle, 'idle');
    }, this.limits.idleUnsubscribedMs);
    state.idle.unref();
  }

  private sweepDeadConnections(): void {
    for (const socket of this.server.clients) {
      if (!this.alive.has(socket)) {
        socket.terminate();
        continue;
      }
      this.alive.delete(socket);
      socket.ping();
    }
  }
}
