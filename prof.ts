import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startPostgresServer, freePort } from './test/support/postgres-server.ts';
const server = await startPostgresServer();
const varDir = mkdtempSync(join(tmpdir(), 'prof-'));
const port = await freePort();
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', 'tsx', 'cloud/local/start.ts'], { env: { ...process.env, PORT: String(port), DATABASE_URL: server.url, VAR_DIR: varDir, DB_POOL_SIZE: '16' }, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
await new Promise<void>((resolve) => child.stdout!.on('data', (c: Buffer) => { out += c; if (out.includes('admin token')) resolve(); }));
const ev = /Northern Lights Tour — \S+\/v1\/events\/([0-9a-f-]+)/.exec(out)![1];
const http = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
let n = 0; let i = 0;
const end = Date.now() + 10000;
await Promise.all(Array.from({ length: 64 }, async () => {
  while (Date.now() < end) {
    const k = i++;
    const r = await http.request({ method: 'POST', path: `/v1/events/${ev}/holds`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seatIds: [`3${String(1 + (k % 44)).padStart(2, '0')}-${1 + Math.floor(k / 44 / 26) % 25}-${1 + Math.floor(k / 44) % 26}`] }) });
    await r.body.dump(); n++;
  }
}));
console.log('req/s', n / 10);
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
await http.close(); await server.stop();
