// A local HTTP server standing in for a third party (SES, the mailing service): it keeps every request it gets and
// answers what the test says, so adapter tests check the exact request an SDK or client sends.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface CaptureServer {
  url: string;
  seen: CapturedRequest[];
  /** What the next requests are answered with: one answer, or one per request (several services on one server). */
  answer: Answer | ((request: CapturedRequest) => Answer);
  close(): Promise<void>;
}

export async function startCaptureServer(answer: CaptureServer['answer']): Promise<CaptureServer> {
  const capture = { seen: [] as CapturedRequest[], answer } as CaptureServer;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const seen = { method: request.method!, url: request.url!, headers: request.headers, body };
      capture.seen.push(seen);
      const answer = typeof capture.answer === 'function' ? capture.answer(seen) : capture.answer;
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-requestid': 'req-1',
        ...answer.headers,
      });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}
