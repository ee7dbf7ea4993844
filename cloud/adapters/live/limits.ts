// What one live-view connection may do, in one place: the local `ws` hub enforces all of these, the API Gateway
// WebSocket Lambda the subscriptions (API Gateway itself bounds frames at 32 KB, idles a connection out after 10
// minutes and throttles the stage: cloud/infra/api.ts). A browser's live view opens one socket per event it shows and
// sends one subscribe on it, so it stays far inside every bound.
import { LIVE_CLOSE_IDLE } from '../../contract/index.ts';

export interface LiveLimits {
  /** The largest message a client may send (a subscribe is under 100 bytes); larger closes the socket with 1009. */
  maxMessageBytes: number;
  /** Events one connection may watch; one more is answered `too_many_subscriptions` (the socket stays open). */
  maxSubscriptions: number;
  /** A token bucket per socket: this many messages at once… */
  messageBurst: number;
  /** …refilled at this rate; a socket that sends faster is closed with 1008 (policy violation). */
  messagesPerSecond: number;
  /**
   * A socket that watches nothing is closed after this long, with 4000 "idle" (LIVE_CLOSE_IDLE): a stranger cannot park
   * idle sockets, and our clients tell that close from an outage (they do not show "offline" for it).
   */
  idleUnsubscribedMs: number;
  /** How often every socket is pinged; one that did not answer the last ping is dropped (a subscribed socket lives). */
  heartbeatMs: number;
  /** Sockets open at once from one client address; one more upgrade is refused with 429 before the handshake. */
  socketsPerAddress: number;
  /** Sockets open at once on the whole hub; one more upgrade is refused with 503 before the handshake. */
  maxSockets: number;
  /** Pushes queued for a socket that does not read; beyond this it is dropped (1008) rather than held in memory. */
  maxBufferedBytes: number;
}

export const LIVE_LIMITS: Readonly<LiveLimits> = Object.freeze({
  maxMessageBytes: 4 * 1024,
  maxSubscriptions: 20,
  messageBurst: 20,
  messagesPerSecond: 5,
  idleUnsubscribedMs: 60_000,
  heartbeatMs: 30_000,
  socketsPerAddress: 50,
  maxSockets: 10_000,
  maxBufferedBytes: 1024 * 1024,
});

/** WebSocket close codes (RFC 6455 §7.4.1) the hub closes with itself; ws sends 1002, 1007 and 1009 on its own.
 * `idle` (4000, private use) closes a socket that watched nothing for `idleUnsubscribedMs`: see LIVE_CLOSE_IDLE. */
export const CLOSE = { normal: 1000, policyViolation: 1008, tooBig: 1009, idle: LIVE_CLOSE_IDLE } as const;
