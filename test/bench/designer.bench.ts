// npm run bench:designer — the seat-map designer on a 60,000-seat stadium in headless Chromium (CPU only): adding a
// 1,000-seat section (the domain operation, the engine's incremental model update, the spatial index and the next
// frame) must take ≤ 100 ms median. Beside it, the baseline measured in the same page: the same edit with the model
// rebuilt from the whole map; and the design checks over the whole map (run on demand, not per edit).
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const TARGET_MS = 100;

const bundle = await build({
  entryPoints: [new URL('./designer/page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
  minify: true,
});

type Run = { incremental: number; rebuild: number; seats: number; domain: number; model: number; index: number };
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const runs: Run[] = [];
const checks: number[] = [];
const moves: number[] = [];
let seatCount: number;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  seatCount = await page.evaluate(() => (window as unknown as { seatCount: number }).seatCount);
  for (let index = 0; index < WARMUP + RUNS; index++) {
    const result = await page.evaluate(
      (i) => (window as unknown as { designerRun: (i: number) => Run }).designerRun(i),
      index,
    );
    if (index >= WARMUP) runs.push(result);
  }
  for (let index = 0; index < WARMUP + RUNS; index++) {
    const ms = await page.evaluate(
      (i) => (window as unknown as { designerMove: (i: number) => number }).designerMove(i),
      index,
    );
    if (index >= WARMUP) moves.push(ms);
  }
  for (let index = 0; index < 3; index++)
    checks.push(await page.evaluate(() => (window as unknown as { designerCheck: () => number }).designerCheck()));
} finally {
  await browser.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ours = median(runs.map((r) => r.incremental));
const rebuild = median(runs.map((r) => r.rebuild));
console.log(
  `\ndesigner benchmark — add a ${runs[0]!.seats.toLocaleString('en')}-seat curved section to a ${seatCount.toLocaleString('en')}-seat stadium, 1280×800 canvas, headless Chromium without GPU, medians of ${RUNS} runs`,
);
console.log(`${'measure'.padEnd(44)} ${'median'.padStart(10)}`);
console.log(
  `${'add section (incremental: domain + model + index + frame)'.padEnd(44)} ${ours.toFixed(1).padStart(7)} ms  target ≤ ${TARGET_MS} ms: ${ours <= TARGET_MS ? 'met' : 'MISSED'}`,
);
console.log(`${'baseline: same edit, model rebuilt from the map'.padEnd(44)} ${rebuild.toFixed(1).padStart(7)} ms`);
console.log(`${'ratio baseline / incremental'.padEnd(44)} ${(rebuild / ours).toFixed(2).padStart(8)}×`);
console.log(
  `  of which: domain ${median(runs.map((r) => r.domain)).toFixed(1)} ms, model ${median(runs.map((r) => r.model)).toFixed(1)} ms, index + renderer ${median(runs.map((r) => r.index)).toFixed(1)} ms, the rest the frame`,
);
console.log(
  `${'move that 1,000-seat section (drop: domain + model + index + frame)'.padEnd(44)} ${median(moves).toFixed(1).padStart(7)} ms`,
);
console.log(`${'checks over the whole map (on demand)'.padEnd(44)} ${median(checks).toFixed(1).padStart(7)} ms`);
console.log(
  `runs (incremental/rebuild ms): ${runs.map((r) => `${r.incremental.toFixed(0)}/${r.rebuild.toFixed(0)}`).join(', ')}`,
);
if (ours > TARGET_MS) process.exitCode = 1;
