// Reads a request body as text within a size limit. On Node it reads the IncomingMessage directly (no Web
// stream in between: that wrapping was a large share of the hold path's CPU); elsewhere (Lambda, behind API
// Gateway's 10 MB cap) the Request. A declared Content-Length over the limit is refused before a byte is read; a
// body without one (chunked) is refused as soon as it passes the limit, and no more of it is kept: the 413 closes
// the connection (closeAfterAnswer), so a client cannot keep the server reading what it will never use.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { API_PREFIX } from '../contract/routes.ts';

/** After a 413: how long the connection stays half-closed for the client to read the answer. */
const LINGER_MS = 1000;

const tooLarge = (limit: number) => new DomainError('payload_too_large', `The body may be at most ${limit} bytes.`);

/** Bodies are UTF-8: a byte sequence that is not is refused rather than replaced with U+FFFD behind the client's back. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DomainError('malformed_json', 'The body is not valid UTF-8.');
  }
}

/** Refuses a body whose declared length is over the limit, before anything else is done with the request. */
export function assertDeclaredLength(c: Context, limit: number): void {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
}

export async function readBodyText(c: Context, limit: number): Promise<string> {
  return decode(await readBodyBytes(c, limit));
}

/** The body's bytes as sent (an upload: a venue's logo), within the limit. */
export async function readBodyBytes(c: Context, limit: number): Promise<Uint8Array> {
  assertDeclaredLength(c, limit);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function' && !incoming.readableDidRead) {
    return new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = () => {
        incoming.off('data', onData);
        incoming.off('end', onEnd);
        incoming.off('error', reject);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          // Not resumed: the rest stays unread until the 413 is sent and the connection closed.
          stop();
          incoming.pause();
          chunks.length = 0;
          reject(tooLarge(limit));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        stop();
        resolve(Buffer.concat(chunks, size));
      };
      incoming.on('data', onData);
      incoming.once('end', onEnd);
      incoming.once('error', reject);
    });
  }
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > limit) throw tooLarge(limit);
  return new Uint8Array(buffer);
}

/**
 * Bodies outside the API (the local cloud's sandbox payment form, its pages): at most `limit` bytes, read within it
 * and handed on as the request's body, so a page that reads its form (`c.req.parseBody()`) never reads more. The
 * API's own routes (under /v1) are limited per route in app.ts; a body nobody reads is never buffered.
 */
export function limitPageBodies(limit: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith(`${API_PREFIX}/`)) return next();
    const declared = c.req.header('content-length');
    if (declared === undefined && c.req.header('transfer-encoding') === undefined) return next();
    if (declared === '0') return next();
    const text = await readBodyText(c, limit);
    c.req.raw = new Request(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body: text });
    return next();
  };
}

/**
 * The headers of a 413's answer, and on Node the connection's end after it. Node ends a `Connection: close` answer's
 * socket with destroySoon(), which destroys it as soon as the answer is written; the bytes the client is still sending
 * then meet a reset, and the client's kernel may drop the answer with it. So, like nginx's lingering close: half-close
 * after the answer (the client reads it and stops), and close for good when the client does, or after a second.
 */
export function closeAfterAnswer(c: Context): Record<string, string> {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (socket && !socket.destroyed) {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.destroySoon = () => void socket.end();
  }
  return { connection: 'close' };
}
