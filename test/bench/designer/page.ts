// Runs inside headless Chromium for `npm run bench:designer`: the ~63,000-seat stadium open in the designer's editor
// state (the map, the engine's model, spatial index and renderer), then one edit timed again and again: add a
// 1,000-seat curved section (20 rows of 50) — the domain operation, the incremental model update, the index rebuilt
// and the next frame painted. The baseline, in the same page: the same edit with the model rebuilt from the whole map.
// Beside it, the move tool's drop: that section moved (positions written in place, the index rebuilt, one frame).
import { SeatedSectionSpec } from '../../../cloud/contract/index.ts';
import { generateStadium } from '../../../cloud/domain/seatmap/generator.ts';
import { addSeatedSection } from '../../../cloud/domain/seatmap/design/sections.ts';
import { checkDesign } from '../../../cloud/domain/seatmap/design/checks.ts';
import { SeatMapEngine } from '../../../renderer/seatmap/engine.ts';
import { buildModel } from '../../../renderer/seatmap/model.ts';
import { appendToModel, moveInModel } from '../../../renderer/seatmap/model-edits.ts';
import { moveSeats } from '../../../cloud/domain/seatmap/design/move.ts';

const map = generateStadium();
const canvas = document.createElement('canvas');
canvas.style.width = '1280px';
canvas.style.height = '800px';
canvas.width = 1280;
canvas.height = 800;
document.body.append(canvas);
const engine = new SeatMapEngine(canvas, map);
engine.renderNow();

const section = (run: number) =>
  SeatedSectionSpec.parse({
    id: `NEW${run}`,
    name: `New ${run}`,
    origin: [map.width / 2, map.height / 2 - 200],
    curveRadius: 250,
    rows: 20,
    seatsPerRow: 50,
    seatPitch: 8,
    aislesAfter: [25],
  });

/** Forces the canvas to rasterise what was drawn, so the time includes the pixels. */
const flush = () => canvas.getContext('2d')!.getImageData(0, 0, 1, 1);

/** Times one edit of the stadium as opened (a fresh model each time: an incremental update takes its model over). */
function timed(edit: () => void): number {
  engine.setModel(buildModel(map));
  engine.renderNow();
  const started = performance.now();
  edit();
  engine.renderNow();
  flush();
  return performance.now() - started;
}

/** Where the incremental edit's time goes: the domain operation, the model update, index and renderer. */
const parts = { domain: 0, model: 0, index: 0 };

/** One run: the incremental edit and the rebuild, each timed once, in alternating order. */
function run(index: number): { incremental: number; rebuild: number; seats: number } & typeof parts {
  let seats = 0;
  const incremental = () => {
    const t0 = performance.now();
    const result = addSeatedSection(map, section(index));
    seats = result.change.kind === 'append' ? result.change.seats : 0;
    const t1 = performance.now();
    const model = appendToModel(engine.model, result.map, 1, seats, () => 0);
    const t2 = performance.now();
    engine.setModel(model);
    Object.assign(parts, { domain: t1 - t0, model: t2 - t1, index: performance.now() - t2 });
  };
  const rebuild = () => engine.setModel(buildModel(addSeatedSection(map, section(index)).map));
  if (index % 2 === 0) return { incremental: timed(incremental), rebuild: timed(rebuild), seats, ...parts };
  const rebuildMs = timed(rebuild);
  return { incremental: timed(incremental), rebuild: rebuildMs, seats, ...parts };
}

/** The move tool's drop: a 1,000-seat section moved (domain, model positions in place, index, next frame). */
const withSection = addSeatedSection(map, section(999)).map;
const newSeats = withSection.seats.flatMap((seat, i) => (seat.sectionId === 'NEW999' ? [i] : []));
function moveMs(run: number): number {
  engine.setModel(buildModel(withSection));
  engine.renderNow();
  const started = performance.now();
  const result = moveSeats(withSection, newSeats, 10 + run, 5);
  if (result.change.kind !== 'moved') throw new Error('not a move');
  engine.setModel(moveInModel(engine.model, result.map, result.change.seatIndexes, result.change.sectionIds));
  engine.renderNow();
  flush();
  return performance.now() - started;
}

function checkMs(): number {
  const started = performance.now();
  checkDesign(map);
  return performance.now() - started;
}

Object.assign(window, { seatCount: map.seats.length, designerRun: run, designerCheck: checkMs, designerMove: moveMs });
