// npm run bench:lambda — what a cold start of the API function costs, on the esbuild bundles Lambda runs:
//  1. The size of each bundle (.mjs, raw and gzipped) and of the whole code asset.
//  2. In a fresh Node process each time (as a cold Lambda is), medians over several runs of: importing api.mjs, and the
//     first answer (GET /v1/events through the handler: configuration, keys, the pool's first connection to a real
//     Postgres, the query). Baseline, measured the same way in the same run: importing an empty ES module.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { buildLambdasWithSizes, LAMBDA_ENTRIES } from '../../scripts/build-lambda.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(path) : statSync(path).size;
  }
  return total;
}

const work = mkdtempSync(join(tmpdir(), 'ticketboss-bench-lambda-'));
const { out, loadedAtStart } = await buildLambdasWithSizes(join(work, 'lambda'));
const chunks = readdirSync(out).filter((f) => f.startsWith('chunk-'));
const chunkBytes = chunks.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
console.log('Lambda bundles (esbuild, minified, ESM, split): code read at a cold start, before the handler runs');
for (const entry of LAMBDA_ENTRIES) {
  const code = readFileSync(join(out, `${entry}.mjs`));
  console.log(
    `  ${`${entry}.mjs`.padEnd(16)} ${kb(loadedAtStart[entry]!).padStart(8)}  (entry file ${kb(code.length)}, ${kb(gzipSync(code).length)} gzipped)`,
  );
}
console.log(`  ${chunks.length} shared chunks, ${kb(chunkBytes)} in all (loaded as needed: PDFs, MIME, SDK clients)`);
console.log(`  whole code asset (with migrations, resvg's native module, fonts): ${kb(folderSize(out))}`);

const server = await startPostgresServer();
const db = createPostgresDb({ connectionString: server.url, maxConnections: 1 });
await migrate(db);
await db.close();

const empty = join(work, 'empty.mjs');
writeFileSync(empty, 'export const handler = async () => ({ statusCode: 200 });\n');
// One cold start: import the module, then (for the API) answer one request; prints both times as JSON.
const probe = join(work, 'probe.mjs');
writeFileSync(
  probe,
  `const [file, call] = process.argv.slice(2);
const t0 = performance.now();
const { handler } = await import(file);
const imported = performance.now() - t0;
let first = null;
if (call === 'yes') {
  const t1 = performance.now();
  const result = await handler({ version: '2.0', routeKey: '$default', rawPath: '/v1/events', rawQueryString: '',
    headers: { host: 'api.example' }, isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/v1/events', protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'bench' },
      accountId: '1', apiId: 'a', domainName: 'api.example', domainPrefix: 'api', requestId: 'r', routeKey: '$default', stage: '$default', time: '', timeEpoch: 0 } },
    { awsRequestId: 'r', getRemainingTimeInMillis: () => 29000 });
  if (result.statusCode !== 200) throw new Error('status ' + result.statusCode + ' ' + result.body);
  first = performance.now() - t1;
}
console.log(JSON.stringify({ imported, first }));
process.exit(0);
`,
);
const env = {
  ...process.env,
  DATABASE_URL: server.url,
  APP_SECRET: JSON.stringify({ master: randomBytes(32).toString('hex') }),
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  NODE_NO_WARNINGS: '1', // the SDK's notice about Node 20 (Lambda runs Node 24)
};
const run = (file: string, call: boolean) =>
  JSON.parse(execFileSync(process.execPath, [probe, file, call ? 'yes' : 'no'], { env, encoding: 'utf8' }).trim()) as {
    imported: number;
    first: number | null;
  };

const baseline: number[] = [];
const imports: number[] = [];
const firsts: number[] = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(run(empty, false).imported);
  const cold = run(join(out, 'api.mjs'), true);
  imports.push(cold.imported);
  firsts.push(cold.first!);
}
const base = median(baseline);
const imported = median(imports);
console.log(`\nCold start of the API function, medians of ${RUNS} fresh Node ${process.version} processes:`);
console.log(`  import api.mjs:                 ${imported.toFixed(1)} ms`);
console.log(
  `  first answer (GET /v1/events):  ${median(firsts).toFixed(1)} ms  (config, keys, first Postgres connection, query)`,
);
console.log(
  `  baseline, import an empty ES module: ${base.toFixed(2)} ms  → api.mjs import is ${(imported / base).toFixed(0)}× that`,
);
console.log(`  (all runs, import ms: ${imports.map((v) => v.toFixed(0)).join(', ')})`);

await server.stop();
rmSync(work, { recursive: true, force: true });
