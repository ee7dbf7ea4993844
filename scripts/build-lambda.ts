// `npm run build:lambda [outDir]`: bundles each Lambda entry (cloud/lambda/*) with esbuild into one folder (default
// dist/lambda), which CDK deploys as the functions' code: ESM `.mjs` files, minified, with the SQL migrations beside
// them and the few files that are loaded at run time rather than imported (resvg's native module, the Inter font).
// No Docker: the native module is the one npm installed for this platform (linux x64, as the functions are).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

export const LAMBDA_ENTRIES = ['api', 'websocket', 'live-fanout', 'jobs', 'tick', 'migrate'] as const;

export async function buildLambdas(outDir = 'dist/lambda'): Promise<string> {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: LAMBDA_ENTRIES.map((name) => `cloud/lambda/${name}.ts`),
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
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
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/build-lambda.ts')) {
  const out = await buildLambdas(process.argv[2]);
  console.log(`Lambda bundles in ${out}: ${LAMBDA_ENTRIES.map((name) => `${name}.mjs`).join(', ')}`);
}
