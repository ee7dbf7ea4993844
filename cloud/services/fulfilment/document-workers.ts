// Document workers: where order emails are made when the outbox jobs share a process with the API (`npm start`). A
// tickets email is ~20–30 ms of CPU (ticket images, two PDFs, the MIME message) in a few long synchronous stretches;
// on the API's thread each stretch held up every request in flight, and during an on-sale the emails' CPU came out of
// the buyers' (bench:checkout). Here the job reads what the email is made of, a worker thread at a lower priority
// makes it (document-worker.ts), and the job sends it. In AWS the jobs have a Lambda of their own and make the email
// in it (composeInProcess).
import { Worker } from 'node:worker_threads';
import type { DocumentsInput, ComposedEmail } from './compose-documents.ts';
import type { DocumentComposer } from './fulfilment-service.ts';
import type { WorkerAnswer } from './document-worker.ts';

export interface DocumentWorkers {
  compose: DocumentComposer;
  /** Ends the thread; an email being made is refused (its job is retried later, like any failure). */
  close(): Promise<void>;
}

type Pending = { resolve: (email: ComposedEmail) => void; reject: (error: Error) => void };

/** One thread (the emails of a sale made in the order they were sold), at nice 19 (document-worker.ts). */
export function startDocumentWorkers(): DocumentWorkers {
  let thread: { worker: Worker; pending: Map<number, Pending> } | null = null;
  let nextId = 0;
  let closed = false;

  // The thread is started at its first email, and again after it died (its emails in hand were refused).
  const start = () => {
    const worker = new Worker(new URL('./document-worker.mjs', import.meta.url), { execArgv: [] });
    const pending = new Map<number, Pending>();
    const fail = (error: Error) => {
      if (thread?.worker === worker) thread = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('message', (answer: WorkerAnswer) => {
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else
        waiting.resolve({
          subject: answer.subject,
          raw: Buffer.from(answer.raw.buffer, answer.raw.byteOffset, answer.raw.byteLength),
        });
      if (pending.size === 0) worker.unref();
    });
    worker.on('error', (error) => fail(new Error(`the document worker failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`the document worker stopped (exit code ${code})`)));
    worker.unref();
    return (thread = { worker, pending });
  };

  return {
    compose(input: DocumentsInput) {
      if (closed) return Promise.reject(new Error('the document workers are closed'));
      const { worker, pending } = thread ?? start();
      const id = nextId++;
      return new Promise<ComposedEmail>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Held open while it has work: a process that is told to end still ends once the emails in hand are made.
        worker.ref();
        worker.postMessage({ id, input });
      });
    },
    async close() {
      closed = true;
      await thread?.worker.terminate();
    },
  };
}
