// Reads a request body as text within a size limit. On Node it reads the IncomingMessage directly (no Web
// stream in between: that wrapping was a large share of the hold path's CPU); elsewhere (Lambda) the Request.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

const tooLarge = (limit: number) => new DomainError('payload_too_large', `The body may be at most ${limit} bytes.`);

export async function readBodyText(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function' && !incoming.readableDidRead) {
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          incoming.off('data', onData);
          incoming.resume();
          reject(tooLarge(limit));
          return;
        }
        chunks.push(chunk);
      };
      incoming.on('data', onData);
      incoming.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
      incoming.once('error', reject);
    });
  }
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > limit) throw tooLarge(limit);
  return new TextDecoder().decode(buffer);
}
