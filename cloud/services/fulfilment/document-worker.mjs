// A document worker thread's first module (document-workers.ts starts it): plain JavaScript, because a worker starts
// without the parent's TypeScript loader (it is given no execArgv, so tests under Vitest and `npm start` under tsx
// start it alike); it registers tsx, then loads the worker's TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./document-worker.ts');
