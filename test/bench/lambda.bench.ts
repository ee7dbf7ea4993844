// npm run bench:lambda — what a cold start of the API function costs, on the esbuild bundles Lambda runs, built for
// arm64 (what the functions run on, Graviton) beside a build for this machine (x64 here: the figures before arm64):
//  1. The size of each bundle (.mjs, raw and gzipped) and of the whole code asset, per arch. The JavaScript of the two
//     builds is the same bytes; they differ only in resvg's native module.
//  2. In a fresh Node process each time (as a cold Lambda is), medians over several runs of: importing api.mjs, and the
//     first answer (GET /v1/events through the handler: configuration, keys, the pool's first connection to a real
//     Postgres, the query). Baseline, measured the same way in the same run: importing an empty ES module.
//     An arm64 .node cannot load on an x64 machine, and none needs to: resvg is required lazily, at the first ticket
//     image, so importing api.mjs loads no native module (each probe checks and reports it). The arm64 figures are
//     therefore the arm64 bundle's JavaScript imported and run by this machine's Node; on Graviton the same work runs
//     on another CPU, which this bench cannot measure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { buildLambdasWithSizes, LAMBDA_ENTRIES } from '../../scripts/build-lambda.ts';
import { hostLambdaArch, nativeModulesIn, type LambdaArch } from '../../scripts/lambda-native.ts';
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

const host = hostLambdaArch();
if (!host) throw new Error(`bench:lambda runs the bundles, so it needs linux on arm64 or x64, not ${process.platform}`);
const arches: LambdaArch[] = host === 'arm64' ? ['arm64'] : ['x64', 'arm64'];
const work = mkdtempSync(join(tmpdir(), 'ticketboss-bench-lambda-'));
const builds: Awaited<ReturnType<typeof buildLambdasWithSizes>>[] = [];
for (const arch of arches) builds.push(await buildLambdasWithSizes(join(work, arch), { arch }));
const [today] = builds;

const column = (text: string) => text.padStart(30);
const row = (label: string, cells: string[], note = '') =>
  console.log(`  ${label.padEnd(30)}${cells.map(column).join('')}${note && `  ${note}`}`);
const files = (out: string, test: (file: string) => boolean) => readdirSync(out).filter(test);
const bytes = (paths: string[]) => paths.reduce((sum, path) => sum + statSync(path).size, 0);

console.log('Lambda bundles (esbuild, minified, ESM, split): code read at a cold start, before the handler runs');
row(
  '',
  builds.map((b) => `linux-${b.arch}${b.arch === host ? ' (this machine)' : ''}`),
);
for (const entry of LAMBDA_ENTRIES) {
  const cells = builds.map(({ out, loadedAtStart }) => {
    const code = readFileSync(join(out, `${entry}.mjs`));
    return `${kb(loadedAtStart[entry]!)} (${kb(code.length)}, ${kb(gzipSync(code).length)} gz)`;
  });
  row(`${entry}.mjs`, cells);
}
console.log('  (read at start; in parentheses the entry file alone, raw and gzipped)');
row(
  'shared chunks',
  builds.map(({ out }) => {
    const chunks = files(out, (f) => f.startsWith('chunk-'));
    return `${chunks.length}, ${kb(bytes(chunks.map((f) => join(out, f))))}`;
  }),
  'loaded as needed: PDFs, MIME, SDK clients',
);
row(
  "resvg's native module",
  builds.map(({ out }) => kb(bytes(nativeModulesIn(out)))),
  builds.flatMap(({ out }) => nativeModulesIn(out).map((f) => basename(f))).join(', '),
);
row(
  'whole code asset',
  builds.map(({ out }) => kb(folderSize(out))),
  "with migrations, resvg's native module, fonts",
);
if (builds.length > 1) {
  const javascript = (out: string) =>
    files(out, (f) => f.endsWith('.mjs'))
      .map((f) => `${f}\n${readFileSync(join(out, f), 'latin1')}`)
      .join('\n');
  const same = builds.every(({ out }) => javascript(out) === javascript(today!.out));
  console.log(`  the .mjs files of the two builds are ${same ? 'byte for byte the same' : 'DIFFERENT (unexpected)'}`);
}

const server = await startPostgresServer();
const db = createPostgresDb({ connectionString: server.url, maxConnections: 1 });
await migrate(db);
await db.close();

const empty = join(work, 'empty.mjs');
writeFileSync(empty, 'export const handler = async () => ({ statusCode: 200 });\n');
// One cold start: import the module, then (for the API) answer one request; prints both times as JSON, with the native
// modules (and resvg's loader) Node had loaded by then, from the CommonJS cache every require() fills.
const probe = join(work, 'probe.mjs');
writeFileSync(
  probe,
  `import { createRequire } from 'node:module';
const [file, call] = process.argv.slice(2);
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
const native = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.endsWith('.node') || f.includes('@resvg'));
console.log(JSON.stringify({ imported, first, native }));
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
    native: string[];
  };

const baseline: number[] = [];
const cold = builds.map(() => ({ imports: [] as number[], firsts: [] as number[], native: new Set<string>() }));
for (let i = 0; i < RUNS; i++) {
  baseline.push(run(empty, false).imported);
  // Interleaved, so a busy moment of the machine weighs on every build alike.
  builds.forEach(({ out }, b) => {
    const probed = run(join(out, 'api.mjs'), true);
    cold[b]!.imports.push(probed.imported);
    cold[b]!.firsts.push(probed.first!);
    for (const file of probed.native) cold[b]!.native.add(relative(out, file));
  });
}
const base = median(baseline);
console.log(
  `\nCold start of the API function, medians of ${RUNS} fresh Node ${process.version} processes on this machine:`,
);
row(
  '',
  builds.map((b) => `linux-${b.arch} bundle${b.arch === host ? '' : ' (its JS)'}`),
);
row(
  'import api.mjs',
  cold.map((c) => `${median(c.imports).toFixed(1)} ms`),
);
row(
  'first answer (GET /v1/events)',
  cold.map((c) => `${median(c.firsts).toFixed(1)} ms`),
);
row(
  'native modules loaded by then',
  cold.map((c) => (c.native.size ? [...c.native].join(', ') : 'none')),
);
console.log('  (first answer: config, keys, first Postgres connection, query)');
console.log(
  `  baseline, import an empty ES module: ${base.toFixed(2)} ms  → api.mjs import is ${cold.map((c, b) => `${(median(c.imports) / base).toFixed(0)}× that (${builds[b]!.arch})`).join(', ')}`,
);
for (const [b, c] of cold.entries()) {
  console.log(`  (all runs, linux-${builds[b]!.arch} import ms: ${c.imports.map((v) => v.toFixed(0)).join(', ')})`);
}
if (builds.some((b) => b.arch !== host)) {
  console.log(
    `  An arm64 .node cannot load on this ${host} machine, and importing api.mjs loads none (resvg is required at the`,
  );
  console.log(
    "  first ticket image): the arm64 column is the arm64 bundle's JavaScript run by this Node. On Graviton the same",
  );
  console.log("  work runs on another CPU; Lambda's arm64 cold starts are not measured here.");
}

await server.stop();
rmSync(work, { recursive: true, force: true });
