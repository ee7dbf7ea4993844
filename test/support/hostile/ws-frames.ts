// Hand-made WebSocket traffic for hostile tests: frames any way an attacker may build them (bad opcodes, reserved
// bits, unmasked, lying lengths, invalid UTF-8) written on a raw TCP socket after a hand-written HTTP upgrade, and the
// server's frames read back (its close code above all). A real client library refuses to send most of these.
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameOptions {
  opcode: number;
  payload?: Buffer | string;
  /** The FIN bit (true). */
  fin?: boolean;
  /** RSV1..RSV3 as three bits (0). */
  rsv?: number;
  /** Clients must mask; false sends the payload in the clear (a protocol error from a client). */
  mask?: boolean;
  /** The length written in the header, when it should lie about the payload that follows. */
  declaredLength?: number;
}

/** One frame, as a client would send it (masked unless told otherwise). */
export function frame(options: FrameOptions): Buffer {
  const payload =
    typeof options.payload === 'string' ? Buffer.from(options.payload) : (options.payload ?? Buffer.alloc(0));
  const length = options.declaredLength ?? payload.length;
  const mask = options.mask ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | (((options.rsv ?? 0) & 0x7) << 4) | (options.opcode & 0xf);
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, (mask ? 0x80 : 0) | length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i]! ^ key[i % 4]!;
  return Buffer.concat([header, key, masked]);
}

export const textFrame = (text: string | Buffer, options: Omit<FrameOptions, 'opcode' | 'payload'> = {}) =>
  frame({ ...options, opcode: OPCODE.text, payload: text });

/** A frame the server sent (servers never mask). */
export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** What the server did with a raw connection: its frames, the close code it sent (if any), whether TCP ended. */
export interface RawOutcome {
  frames: ServerFrame[];
  closeCode: number | null;
}

/** The HTTP upgrade request for `path`, with the headers a browser sends (overridable, or dropped with null). */
export function upgradeRequest(host: string, path: string, headers: Record<string, string | null> = {}): string {
  const all: Record<string, string | null> = {
    Host: host,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  const lines = Object.entries(all).flatMap(([name, value]) => (value === null ? [] : [`${name}: ${value}`]));
  return `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** A raw TCP connection to the server that speaks (or abuses) WebSocket by hand. */
export class RawSocket {
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly frames: ServerFrame[] = [];
  private closeCode: number | null = null;
  private waiters: (() => void)[] = [];
  readonly ended: Promise<RawOutcome>;
  /** The HTTP status line and headers the server answered the upgrade with ('' before they arrive). */
  response = '';

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    // The server may reset the connection after its close frame: that is an outcome, not a test failure.
    socket.on('error', () => undefined);
    this.ended = new Promise((resolve) =>
      socket.once('close', () => {
        for (const waiter of this.waiters.splice(0)) waiter();
        resolve({ frames: this.frames, closeCode: this.closeCode });
      }),
    );
  }

  /**
   * Connects to `url` (http://host:port) and writes `request` as is (an upgrade unless told otherwise); from
   * `localAddress` when given (on Linux any 127.x.y.z: another client address on the same machine).
   */
  static async open(url: string, request?: string, options: { localAddress?: string } = {}): Promise<RawSocket> {
    const { hostname, port, host } = new URL(url);
    const socket = connect({ port: Number(port), host: hostname, ...options });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const raw = new RawSocket(socket);
    socket.write(request ?? upgradeRequest(host, '/v1/live'));
    return raw;
  }

  /** Opens a WebSocket by hand and waits for the server's answer to the upgrade; throws unless it is 101. */
  static async upgrade(url: string, path = '/v1/live', options: { localAddress?: string } = {}): Promise<RawSocket> {
    const raw = await RawSocket.open(url, upgradeRequest(new URL(url).host, path), options);
    const status = await raw.status();
    if (status !== 101) throw new Error(`upgrade answered ${raw.response.split('\r\n')[0]}`);
    return raw;
  }

  /** The status code of the server's answer to the upgrade request (null when it closed without one). */
  async status(timeoutMs = 5000): Promise<number | null> {
    await this.until(() => this.response !== '', timeoutMs);
    const match = /^HTTP\/1\.1 (\d{3})/.exec(this.response);
    return match ? Number(match[1]) : null;
  }

  write(data: Buffer | string): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /** The next frame the server sends, or null when the connection ends first. */
  async nextFrame(timeoutMs = 5000): Promise<ServerFrame | null> {
    await this.until(() => this.frames.length > 0, timeoutMs);
    return this.frames.shift() ?? null;
  }

  /** Waits for the server to end the connection; its close code (1009, 1002…), or null without a close frame. */
  async closed(timeoutMs = 5000): Promise<number | null> {
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the server kept the connection open')), timeoutMs).unref(),
    );
    return (await Promise.race([this.ended, timer])).closeCode;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done() || this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer from the server in time')), timeoutMs);
      const check = () => {
        if (done() || this.socket.destroyed) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private parse(): void {
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.response = this.buffer.subarray(0, end).toString('latin1');
      this.buffer = this.buffer.subarray(end + 4);
      this.upgraded = true;
    }
    // Another answer than 101 is HTTP (a problem body), not frames.
    if (!this.response.startsWith('HTTP/1.1 101')) return;
    while (this.buffer.length >= 2) {
      const opcode = this.buffer[0]! & 0xf;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === OPCODE.close) this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
      this.frames.push({ opcode, payload });
    }
  }
}
