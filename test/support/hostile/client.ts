// Sends hostile requests as they are written (node:http: no fetch normalising paths, bodies streamed in chunks when
// asked), a few at a time, and judges each answer: never a 5xx, every 4xx a problem+json with a stable type.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { HostileRequest } from './variants.ts';

export const PROBLEM_TYPE_BASE = 'https://ticketboss.dev/problems/';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** What went wrong with one request: the operation, the variant, the caller and what came back. */
export interface Finding {
  operationId: string;
  variant: string;
  caller: string;
  problem: string;
  status?: number;
  body?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One request; rejects only when no answer came (refused, reset before a status line). */
export function send(baseUrl: string, request: HostileRequest, authorization?: string): Promise<Answer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...request.headers };
  if (authorization) headers.authorization = authorization;
  if (request.body && !request.chunked) headers['content-length'] = String(request.body.length);
  // Said outright: Node's client frames a GET's or DELETE's streamed body only when told to.
  if (request.body && request.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        // An oversized body gets a connection of its own: the server may close it once it has answered.
        agent: request.oversized ? false : agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    // A server that answers early and closes the connection fails the rest of our write; the answer still counts.
    outgoing.on('error', reject);
    outgoing.on('socket', (socket) => socket.on('error', () => {}));
    if (request.body && request.chunked) {
      const step = 64 * 1024;
      let offset = 0;
      const pump = () => {
        while (offset < request.body!.length) {
          const chunk = request.body!.subarray(offset, offset + step);
          offset += step;
          if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
        }
        outgoing.end();
      };
      pump();
    } else {
      outgoing.end(request.body);
    }
  });
}

/** Why an answer is not acceptable, or null when it is. */
export function judge(answer: Answer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400) return null;
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `${answer.status} as ${answer.contentType || 'no content type'}, not application/problem+json`;
  }
  try {
    const problem = JSON.parse(answer.body) as { type?: unknown };
    if (typeof problem.type !== 'string' || !problem.type.startsWith(PROBLEM_TYPE_BASE)) {
      return `${answer.status} problem without a type under ${PROBLEM_TYPE_BASE}`;
    }
  } catch {
    return `${answer.status} problem+json that is not JSON`;
  }
  return null;
}

/** Runs `work` over the items with at most `concurrency` at once. */
export async function eachConcurrently<T>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The resident set size of a process, in bytes (Linux: /proc/<pid>/status). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Closes the kept-alive sockets so the test process can end. */
export function closeConnections(): void {
  agent.destroy();
}
