// A well-behaved client of the live seat view (the `ws` library, as a browser would behave): connects to a server's
// /v1/live, sends messages, and reads the server's answers in order, each within a time limit.
import WebSocket from 'ws';
import type { LiveServerMessage } from '../../cloud/contract/index.ts';

export class LiveClient {
  private readonly queue: LiveServerMessage[] = [];
  private waiters: ((message: LiveServerMessage) => void)[] = [];
  private constructor(
    readonly socket: WebSocket,
    private readonly replyTimeoutMs: number,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as LiveServerMessage;
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
  }

  /** Connects to `baseUrl`'s live view (http://host:port); `next()` waits `replyTimeoutMs` by default. */
  static async connect(baseUrl: string, { replyTimeoutMs = 2000 } = {}): Promise<LiveClient> {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/live`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new LiveClient(socket, replyTimeoutMs);
  }

  /** Sends a message as JSON, or a string as it is (a malformed message on purpose). */
  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(timeoutMs = this.replyTimeoutMs): Promise<LiveServerMessage> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no live message in time')), timeoutMs);
      this.waiters.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  /** Closes the socket; resolves once it is closed (at once when the server closed it already). */
  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    return closed;
  }
}
