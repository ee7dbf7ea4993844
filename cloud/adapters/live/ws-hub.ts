// The live seat view on one machine: a `ws` server on the API's own port at /v1/live. Clients subscribe to events;
// every committed change is fanned out to that event's subscribers. Implements the LiveBus port.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { LiveChanges } from '../../contract/index.ts';
import { LIVE_PATH } from '../../contract/routes.ts';
import type { LiveBus } from '../../services/ports.ts';
import { answerLiveMessage } from './protocol.ts';

const HEARTBEAT_MS = 30_000;

export interface WsLiveHubOptions {
  /** Whether an event may be watched (exists and is public). */
  canWatch: (eventId: string) => Promise<boolean>;
}

export class WsLiveHub implements LiveBus {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  private readonly subscribers = new Map<string, Set<WebSocket>>();
  private readonly subscriptions = new WeakMap<WebSocket, Set<string>>();
  private readonly alive = new WeakSet<WebSocket>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: WsLiveHubOptions) {
    this.server.on('connection', (socket) => this.onConnection(socket));
  }

  attach(http: Server): void {
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== LIVE_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
    });
    this.heartbeat = setInterval(() => this.sweepDeadConnections(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async publish(message: LiveChanges): Promise<void> {
    const sockets = this.subscribers.get(message.eventId);
    if (!sockets || sockets.size === 0) return;
    const payload = JSON.stringify(message);
    for (const socket of sockets) if (socket.readyState === WebSocket.OPEN) socket.send(payload);
  }

  subscriberCount(eventId: string): number {
    return this.subscribers.get(eventId)?.size ?? 0;
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

  private onConnection(socket: WebSocket): void {
    this.alive.add(socket);
    this.subscriptions.set(socket, new Set());
    socket.on('pong', () => this.alive.add(socket));
    socket.on('message', (data, isBinary) => void this.onMessage(socket, isBinary ? null : data.toString()));
    socket.on('close', () => {
      for (const eventId of this.subscriptions.get(socket) ?? []) this.subscribers.get(eventId)?.delete(socket);
    });
  }

  private async onMessage(socket: WebSocket, text: string | null): Promise<void> {
    const mine = this.subscriptions.get(socket)!;
    const answer = await answerLiveMessage(
      text,
      {
        list: async () => mine,
        add: async (eventId) => {
          mine.add(eventId);
          let sockets = this.subscribers.get(eventId);
          if (!sockets) this.subscribers.set(eventId, (sockets = new Set()));
          sockets.add(socket);
        },
        remove: async (eventId) => {
          mine.delete(eventId);
          this.subscribers.get(eventId)?.delete(socket);
        },
      },
      this.options.canWatch,
    );
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(answer));
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
