// The document worker thread (document-workers.ts): makes each order email it is sent (composeDocuments) and posts it
// back, the MIME bytes moved, not copied. It first lowers its own priority (on Linux a nice value is a thread's): on
// a machine whose cores the API and Postgres share with it, the buyers' requests come first and the emails take the
// CPU they leave.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { composeDocuments, type DocumentsInput } from './compose-documents.ts';

export type WorkerRequest = { id: number; input: DocumentsInput };
export type WorkerAnswer = { id: number; subject: string; raw: Uint8Array } | { id: number; error: string };

try {
  setPriority(19); // the lowest
} catch {
  // not allowed here (a container without the capability to renice): the worker runs at the process's priority
}

parentPort!.on('message', ({ id, input }: WorkerRequest) => {
  composeDocuments(input).then(
    ({ subject, raw }) => {
      const whole = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength;
      parentPort!.postMessage({ id, subject, raw } satisfies WorkerAnswer, whole ? [raw.buffer as ArrayBuffer] : []);
    },
    (error: unknown) =>
      parentPort!.postMessage({
        id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerAnswer),
  );
});
