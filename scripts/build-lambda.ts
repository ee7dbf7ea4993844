// `npm run build:lambda [outDir]`: bundles each Lambda entry (cloud/lambda/*) with esbuild into one folder (default
// dist/lambda), which CDK deploys as the functions' code: ESM `.mjs` files, minified, with the SQL migrations beside
// them and the few files that are loaded at run time rather than imported (resvg's native module, the Inter font).
// No Docker: the native module is the one npm installed for this platform (linux x64, as the functions are).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

export const LAMBDA_ENTRIES = ['api', 'websocket', 'live-fanout', 'jobs', 'tick', 'migrate'] as const;

/** Builds the bundles; `loadedAtStart` is, per entry, the bytes of code Node reads before the handler can run. */
export async function buildLambdas(outDir = 'dist/lambda'): Promise<string> {
  return (await buildLambdasWithSizes(outDir)).out;
}

export async function buildLambdasWithSizes(
  outDir = 'dist/lambda',
): Promise<{ out: string; loadedAtStart: Record<string, number> }> {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  const result = await build({
    metafile: true,
    entryPoints: LAMBDA_ENTRIES.map((name) => `cloud/lambda/${name}.ts`),
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    // ES module builds first (the AWS SDK's dist-es): they tree-shake, and import() of them keeps named exports.
    mainFields: ['module', 'main'],
    // Code only some functions use (PDFs, MIME, SDK clients of one adapter) goes into chunks loaded at first use.
    // Chunks sit beside the entries: code that finds files from import.meta.url (migrations) resolves the same.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    // CommonJS packages inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    external: ['@resvg/resvg-js', 'pg-native'],
    logLevel: 'warning',
  });
  cpSync('cloud/db/migrations', join(out, 'migrations'), { recursive: true });
  const require = createRequire(import.meta.url);
  const modules = join(out, 'node_modules');
  const copyPackage = (name: string) =>
    cpSync(dirname(require.resolve(`${name}/package.json`)), join(modules, name), { recursive: true });
  copyPackage('@resvg/resvg-js');
  copyPackage(`@resvg/resvg-js-${process.platform}-${process.arch}-gnu`);
  for (const font of ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf']) {
    mkdirSync(join(modules, '@expo-google-fonts/inter', dirname(font)), { recursive: true });
    cpSync(require.resolve(`@expo-google-fonts/inter/${font}`), join(modules, '@expo-google-fonts/inter', font));
  }
  // What an entry imports statically (not its dynamic chunks) is read and compiled at a cold start.
  const outputs = result.metafile.outputs;
  const staticBytes = (file: string, seen = new Set<string>()): number => {
    if (seen.has(file)) return 0;
    seen.add(file);
    const output = outputs[file]!;
    return (
      output.bytes +
      output.imports
        .filter((i) => i.kind === 'import-statement' && !i.external)
        .reduce((sum, i) => sum + staticBytes(i.path, seen), 0)
    );
  };
  const loadedAtStart: Record<string, number> = {};
  for (const [file, output] of Object.entries(outputs)) {
    const entry = output.entryPoint?.match(/cloud\/lambda\/(.+)\.ts$/)?.[1];
    if (entry) loadedAtStart[entry] = staticBytes(file);
  }
  return { out, loadedAtStart };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/build-lambda.ts')) {
  const out = await buildLambdas(process.argv[2]);
  console.log(`Lambda bundles in ${out}: ${LAMBDA_ENTRIES.map((name) => `${name}.mjs`).join(', ')}`);
}
