// The web app's build: React from renderer/, static files in dist/web for the local server (and S3/CloudFront).
// Prints the gzipped size of the JavaScript the shop's events page loads first and of what the back office (/admin)
// loads first, and fails when the shop's grows past its 150 KB budget or more than 10 % over the baseline below: the
// back office is a separate chunk, loaded only for /admin paths, and must not make the shop's first load heavier.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import { lingui } from '@lingui/vite-plugin';

const INITIAL_JS_BUDGET = 150 * 1024;
/** The shop's initial JavaScript (gzipped bytes) on main, measured 2026-12-06 before the buyer's experience (issue 18). */
const SHOP_INITIAL_JS_BASELINE = 76_940;
/** How much the shop's initial JavaScript may grow over the baseline: issue 18 allows 10 %. */
const SHOP_INITIAL_JS_GROWTH = Math.round(SHOP_INITIAL_JS_BASELINE * 0.1);
/** The back office's root module: its chunk and what it imports statically are the admin's initial JavaScript. */
const ADMIN_ROOT = '/renderer/modes/admin/AdminApp.tsx';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Gzipped bytes of a chunk and every chunk it imports statically (lazy chunks come later). */
function initialSize(chunks: Rollup.OutputChunk[], start: Rollup.OutputChunk, already = new Set<string>()): number {
  const seen = new Set<string>();
  const walk = (fileName: string) => {
    if (seen.has(fileName) || already.has(fileName)) return;
    seen.add(fileName);
    for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) walk(imported);
  };
  walk(start.fileName);
  for (const name of seen) already.add(name);
  if (process.env.BUDGET_DETAIL) {
    for (const name of seen) {
      const chunk = chunks.find((c) => c.fileName === name)!;
      const modules = Object.entries(chunk.modules)
        .map(([id, info]) => [id.replace(/^.*\/renderer\//, ''), gzipSync(info.code ?? '').length] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 40);
      console.log(`${name}: ${gzipSync(chunk.code).length} B gzipped`);
      for (const [id, size] of modules) console.log(`  ${String(size).padStart(6)}  ${id}`);
    }
  }
  return [...seen].reduce((sum, name) => sum + gzipSync(chunks.find((c) => c.fileName === name)!.code).length, 0);
}

function initialJsBudget(): Plugin {
  return {
    name: 'initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const entry = chunks.find((chunk) => chunk.isEntry)!;
      const shopFiles = new Set<string>();
      const shop = initialSize(chunks, entry, shopFiles);
      const limit = Math.min(INITIAL_JS_BUDGET, SHOP_INITIAL_JS_BASELINE + SHOP_INITIAL_JS_GROWTH);
      const message =
        `initial JavaScript of the events page: ${kb(shop)} gzipped (${shop} bytes; baseline ${kb(SHOP_INITIAL_JS_BASELINE)}, ` +
        `limit ${kb(limit)}: the budget ${kb(INITIAL_JS_BUDGET)} or the baseline + 10 %, ${kb(SHOP_INITIAL_JS_GROWTH)})`;
      console.log(`\n${message}`);
      const admin = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(ADMIN_ROOT));
      if (admin) {
        // The back office loads the entry too; what it adds is its chunk and the chunks only it imports.
        const adds = initialSize(chunks, admin, new Set(shopFiles));
        console.log(
          `initial JavaScript of the back office (/admin): ${kb(shop + adds)} gzipped (the shop's + ${kb(adds)})`,
        );
      }
      if (shop > limit) this.error(message);
    },
  };
}

/** The shop's service worker (issue 19: the ticket page offline), written in TypeScript and emitted as /sw.js: a
 * worker's URL must stay the same from build to build, so it is not one of the hashed chunks. */
function serviceWorker(): Plugin {
  const source = new URL('renderer/modes/shop/ticket/service-worker.ts', import.meta.url);
  return {
    name: 'service-worker',
    apply: 'build',
    async generateBundle() {
      const { code } = await transform(await readFile(source, 'utf8'), {
        loader: 'ts',
        format: 'iife',
        target: 'es2022',
        minify: true,
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), lingui(), initialJsBudget(), serviceWorker()],
  // Every browser the shop supports preloads modules natively (Chrome 66, Safari 17, Firefox 115): no polyfill.
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
});
