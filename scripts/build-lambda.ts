// `npm run build:lambda [outDir] [--arch arm64|x64]`: bundles each Lambda entry (cloud/lambda/*) with esbuild into one
// folder (default dist/lambda), which CDK deploys as the functions' code: ESM `.mjs` files, minified, with the SQL
// migrations beside them and the few files that are loaded at run time rather than imported (resvg's native module,
// the Inter font). No Docker. The native module is the one for the target arch (default arm64, what the functions run
// on), whatever machine builds: see lambda-native.ts. Tests that run a bundle here build for this machine's arch.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { copyResvg, DEPLOY_ARCH, isLambdaArch, type LambdaArch, type NativeModuleOptions } from './lambda-native.ts';

export const LAMBDA_ENTRIES = ['api', 'websocket', 'live-fanout', 'jobs', 'exports', 'tick', 'migrate'] as const;

export interface BuildOptions extends NativeModuleOptions {
  /** The functions' architecture, which picks the native module (default arm64, as deployed). */
  arch?: LambdaArch;
}

/** Builds the bundles; `loadedAtStart` is, per entry, the bytes of code Node reads before the handler can run. */
export async function buildLambdas(outDir = 'dist/lambda', options: BuildOptions = {}): Promise<string> {
  return (await buildLambdasWithSizes(outDir, options)).out;
}

export async function buildLambdasWithSizes(
  outDir = 'dist/lambda',
  { arch = DEPLOY_ARCH, ...nativeOptions }: BuildOptions = {},
): Promise<{ out: string; arch: LambdaArch; loadedAtStart: Record<string, number> }> {
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
  copyResvg(arch, modules, nativeOptions);
  // The ticket image's fonts (services/fulfilment/ticket-image.ts resolves them under node_modules).
  for (const font of [
    'inter/400Regular/Inter_400Regular.ttf',
    'inter/700Bold/Inter_700Bold.ttf',
    'noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    'noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  ]) {
    mkdirSync(join(modules, '@expo-google-fonts', dirname(font)), { recursive: true });
    cpSync(require.resolve(`@expo-google-fonts/${font}`), join(modules, '@expo-google-fonts', font));
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
  return { out, arch, loadedAtStart };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/build-lambda.ts')) {
  const { values, positionals } = parseArgs({
    options: { arch: { type: 'string', default: DEPLOY_ARCH } },
    allowPositionals: true,
  });
  if (!isLambdaArch(values.arch)) throw new Error(`--arch must be arm64 or x64, not ${values.arch}`);
  const out = await buildLambdas(positionals[0], { arch: values.arch });
  console.log(`Lambda bundles for linux-${values.arch} in ${out}: ${LAMBDA_ENTRIES.map((n) => `${n}.mjs`).join(', ')}`);
}
