// The web shop's build: React from renderer/, static files in dist/web for the local server (and S3/CloudFront).
// Prints the gzipped size of the JavaScript the events page loads first and fails above its 150 KB budget.
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const INITIAL_JS_BUDGET = 150 * 1024;

function initialJsBudget(): Plugin {
  return {
    name: 'initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const entry = chunks.find((chunk) => chunk.isEntry)!;
      // The entry and what it imports statically; lazy screens (the seat map among them) come later.
      const seen = new Set<string>();
      const walk = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const chunk = chunks.find((c) => c.fileName === fileName);
        for (const imported of chunk?.imports ?? []) walk(imported);
      };
      walk(entry.fileName);
      const size = [...seen].reduce(
        (sum, name) => sum + gzipSync(chunks.find((c) => c.fileName === name)!.code).length,
        0,
      );
      const message = `initial JavaScript of the events page: ${(size / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET / 1024} KB)`;
      console.log(`\n${message}`);
      if (size > INITIAL_JS_BUDGET) this.error(message);
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), initialJsBudget()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
