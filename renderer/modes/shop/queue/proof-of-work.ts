// Solves a join challenge in a Web Worker, so the page stays responsive while the browser hashes.
import type { PowRequest } from './pow-worker.ts';

export function solveInWorker(request: PowRequest): Promise<string> {
  if (request.bits === 0) return Promise.resolve('0');
  const worker = new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<string | null>) =>
      message.data === null ? reject(new Error('no nonce solves the challenge')) : resolve(message.data);
    worker.onerror = (error) => reject(new Error(error.message || 'proof of work failed'));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
