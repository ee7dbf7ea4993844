// npm run bench:seatmap — the seat-map engine in headless Chromium (CPU only, no GPU) on the stadium scaled to
// 100,000+ seats: time to first full paint from data in memory, frame time p50/p95 over a scripted zoom and pan, time
// to apply and paint 1,000 live status changes, and JS heap — beside a naive renderer measured in the same run
// (every seat its own path, every frame) and the ratios. Several runs; medians printed.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGETS = { firstPaint: 300, frameP95: 16, changesMs: 20 };

const bundle = await build({
  entryPoints: [new URL('./seatmap/page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
  minify: true,
});
const code = bundle.outputFiles[0]!.text;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
type Run = { firstPaint: number; frameP50: number; frameP95: number; changesMs: number };
const engineRuns: (Run & { heapMb: number })[] = [];
const naiveRuns: Run[] = [];
let seatCount = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: code });
    seatCount = await page.evaluate(() => (window as unknown as { seatCount: number }).seatCount);
    const cdp = await page.context().newCDPSession(page);
    const engine = await page.evaluate(() => (window as unknown as { engineRun: () => Promise<Run> }).engineRun());
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    engineRuns.push({ ...engine, heapMb: heap.usedSize / 1024 / 1024 });
    naiveRuns.push(await page.evaluate(() => (window as unknown as { naiveRun: () => Promise<Run> }).naiveRun()));
    await page.close();
  }
} finally {
  await browser.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (name: string, pick: (r: Run) => number, target?: number) => {
  const ours = median(engineRuns.map(pick));
  const naive = median(naiveRuns.map(pick));
  const verdict =
    target === undefined ? '' : ours <= target ? `  target ≤ ${target} ms: met` : `  target ≤ ${target} ms: MISSED`;
  console.log(
    `${name.padEnd(34)} ${ours.toFixed(1).padStart(9)} ms ${naive.toFixed(1).padStart(10)} ms ${(naive / ours).toFixed(1).padStart(8)}×${verdict}`,
  );
  return ours <= (target ?? Infinity);
};
console.log(
  `\nseat-map benchmark — ${seatCount.toLocaleString('en')} seats, 1280×800 canvas, headless Chromium without GPU, medians of ${RUNS} runs`,
);
console.log(`${'measure'.padEnd(34)} ${'engine'.padStart(12)} ${'naive'.padStart(13)} ${'naive/engine'.padStart(9)}`);
const met = [
  row('first full paint', (r) => r.firstPaint, TARGETS.firstPaint),
  row('pan/zoom frame p50', (r) => r.frameP50),
  row('pan/zoom frame p95', (r) => r.frameP95, TARGETS.frameP95),
  row('1,000 live changes applied+painted', (r) => r.changesMs, TARGETS.changesMs),
];
console.log(`JS heap after the engine run (GC'd): ${median(engineRuns.map((r) => r.heapMb)).toFixed(1)} MB`);
console.log(
  `runs (engine first paint / p95 / changes): ${engineRuns.map((r) => `${r.firstPaint.toFixed(0)}/${r.frameP95.toFixed(1)}/${r.changesMs.toFixed(1)}`).join(', ')}`,
);
if (met.includes(false)) process.exitCode = 1;
