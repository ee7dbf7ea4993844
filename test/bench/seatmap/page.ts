// Runs inside headless Chromium for `npm run bench:seatmap`: builds the 100,000-seat stadium in memory, then times
// the engine and a naive renderer (every seat its own path, every frame) on the same canvas and script.
import { generateStadium } from '../../../cloud/domain/seatmap/generator.ts';
import { SeatMapEngine } from '../../../renderer/seatmap/engine.ts';
import { DEFAULT_PALETTE } from '../../../renderer/seatmap/palette.ts';
import { STATUS, type StatusCode } from '../../../renderer/seatmap/model.ts';

const map = generateStadium({ seatScale: 1.6 });
const WIDTH = 1280;
const HEIGHT = 800;

/** A seeded random, so both renderers see the same house and the same changes. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function freshCanvas(): HTMLCanvasElement {
  document.body.replaceChildren();
  const canvas = document.createElement('canvas');
  canvas.style.width = `${WIDTH}px`;
  canvas.style.height = `${HEIGHT}px`;
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  document.body.append(canvas);
  return canvas;
}

/** Forces the canvas to rasterise what was drawn, so the time includes the pixels, not just the commands. */
const flush = (canvas: HTMLCanvasElement) => canvas.getContext('2d')!.getImageData(0, 0, 1, 1);

function house(seatCount: number) {
  const next = random(7);
  const codes = new Uint8Array(seatCount);
  for (let i = 0; i < seatCount; i++)
    codes[i] = next() < 0.3 ? STATUS.sold : next() < 0.05 ? STATUS.held : STATUS.available;
  const tiers = new Uint8Array(seatCount);
  for (let i = 0; i < seatCount; i++) tiers[i] = Math.floor(i / 20_000);
  return { codes, tiers };
}

function changes(seatCount: number, count: number) {
  const next = random(99);
  return Array.from({ length: count }, () => ({
    seat: Math.floor(next() * seatCount),
    status: (next() < 0.5 ? STATUS.held : STATUS.available) as StatusCode,
  }));
}

/** The camera script: zoom from the whole house into a block, pan across the bowl, zoom back out. */
function script(frames: number) {
  const steps: { zoom: number; panX: number; panY: number; atX: number; atY: number }[] = [];
  for (let f = 0; f < frames; f++) {
    const phase = f / frames;
    if (phase < 0.3) steps.push({ zoom: 1.04, panX: 0, panY: 0, atX: WIDTH * 0.3, atY: HEIGHT * 0.35 });
    else if (phase < 0.8) steps.push({ zoom: 1, panX: -14, panY: Math.sin(f / 9) * 10, atX: 0, atY: 0 });
    else steps.push({ zoom: 1 / 1.05, panX: 0, panY: 0, atX: WIDTH / 2, atY: HEIGHT / 2 });
  }
  return steps;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
};

async function engineRun() {
  const canvas = freshCanvas();
  const { codes, tiers } = house(map.seats.length);
  const started = performance.now();
  const engine = new SeatMapEngine(canvas, map, { dpr: 1 });
  engine.setTiers(tiers);
  engine.setStatuses(codes);
  while (engine.renderNow().pendingTiles > 0);
  flush(canvas);
  const firstPaint = performance.now() - started;

  const frameTimes: number[] = [];
  for (const step of script(240)) {
    const t = performance.now();
    if (step.zoom !== 1) engine.viewport.zoomAt(step.atX, step.atY, step.zoom);
    else engine.viewport.panBy(step.panX, step.panY);
    engine.renderNow();
    flush(canvas);
    frameTimes.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  // Live changes at seat level, with the tiles on screen drawn.
  engine.viewport.fit();
  engine.zoomBy(8, WIDTH * 0.3, HEIGHT * 0.35);
  while (engine.renderNow().pendingTiles > 0);
  flush(canvas);
  const batch = changes(map.seats.length, 1000);
  const t = performance.now();
  engine.applyChanges(batch);
  engine.renderNow();
  flush(canvas);
  const changesMs = performance.now() - t;
  return {
    firstPaint,
    frameP50: percentile(frameTimes, 50),
    frameP95: percentile(frameTimes, 95),
    changesMs,
    seatLevelFrames: frameTimes.length,
  };
}

/** The baseline: every seat drawn as its own path on every frame, under the same camera. */
async function naiveRun() {
  const canvas = freshCanvas();
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const { codes, tiers } = house(map.seats.length);
  const colorOf = (i: number) =>
    codes[i] === STATUS.available
      ? DEFAULT_PALETTE.tiers[tiers[i]! % DEFAULT_PALETTE.tiers.length]!
      : codes[i] === STATUS.held
        ? DEFAULT_PALETTE.held
        : DEFAULT_PALETTE.sold;
  let view = { scale: Math.min(WIDTH / map.width, HEIGHT / map.height) * 0.95, x: 0, y: 0 };
  const draw = () => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = DEFAULT_PALETTE.background;
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.setTransform(view.scale, 0, 0, view.scale, -view.x * view.scale, -view.y * view.scale);
    for (let i = 0; i < map.seats.length; i++) {
      const seat = map.seats[i]!;
      ctx.beginPath();
      ctx.arc(seat.x, seat.y, 0.9, 0, Math.PI * 2);
      ctx.fillStyle = colorOf(i);
      ctx.fill();
    }
  };
  const started = performance.now();
  draw();
  flush(canvas);
  const firstPaint = performance.now() - started;
  const frameTimes: number[] = [];
  // Fewer frames: each takes long. The same kinds of steps, sampled across the script.
  for (const step of script(240).filter((_, i) => i % 12 === 0)) {
    const t = performance.now();
    if (step.zoom !== 1) {
      const mapX = view.x + step.atX / view.scale;
      const mapY = view.y + step.atY / view.scale;
      const scale = view.scale * step.zoom ** 12;
      view = { scale, x: mapX - step.atX / scale, y: mapY - step.atY / scale };
    } else {
      view = { ...view, x: view.x - (step.panX * 12) / view.scale, y: view.y - (step.panY * 12) / view.scale };
    }
    draw();
    flush(canvas);
    frameTimes.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const batch = changes(map.seats.length, 1000);
  const t = performance.now();
  for (const change of batch) codes[change.seat] = change.status;
  draw();
  flush(canvas);
  const changesMs = performance.now() - t;
  return { firstPaint, frameP50: percentile(frameTimes, 50), frameP95: percentile(frameTimes, 95), changesMs };
}

Object.assign(window, { engineRun, naiveRun, seatCount: map.seats.length });
