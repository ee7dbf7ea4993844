// The API as `npm start` runs it, in a child process over a given database, for crash tests: it can be killed (or kill
// itself at a CRASH_AT step) and started again over the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './postgres-server.ts';

export interface LocalProcess {
  url: string;
  child: ChildProcess;
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
}

/** Starts `cloud/local/start.ts` with these variables besides PORT; resolves once it listens. */
export async function startLocalProcess(env: Record<string, string>): Promise<LocalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloud/local/start.ts'], {
    env: { ...process.env, PORT: String(port), SEED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('local cloud at') && resolve());
    void exited.then((code) => reject(new Error(`API exited early with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, exited };
}
