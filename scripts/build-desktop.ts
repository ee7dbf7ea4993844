// `npm run build:desktop`: bundles the Electron main process and the preload script into dist/desktop (CommonJS, as
// Electron loads them); the renderer is the web build in dist/web. Native and Electron modules stay external.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node22', sourcemap: true };
await build({
  ...common,
  entryPoints: ['main/app.ts'],
  outfile: 'dist/desktop/main.cjs',
  external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
});
// The preload runs sandboxed: one file, nothing but electron required.
await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: 'dist/desktop/preload.cjs',
  external: ['electron'],
});
console.log('desktop bundles in dist/desktop (main.cjs, preload.cjs)');
