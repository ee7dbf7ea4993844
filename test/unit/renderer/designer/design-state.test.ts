// The designer's editor state keeps the canvas engine's model in step with the map: a new section appended, painted
// seats restyled and repainted alone, a deletion or an undo rebuilt — always the model a rebuild from the map gives.
import { describe, expect, it } from 'vitest';
import { SeatedSectionSpec } from '../../../../cloud/contract/index.ts';
import { emptyDesign } from '../../../../cloud/domain/seatmap/design/document.ts';
import { addSeatedSection } from '../../../../cloud/domain/seatmap/design/sections.ts';
import { defineTier, deleteSection, paintTier, setSeatFlag } from '../../../../cloud/domain/seatmap/design/edits.ts';
import { buildModel, type SeatMapModel } from '../../../../renderer/seatmap/model.ts';
import { DesignState, tierIndexer } from '../../../../renderer/modes/admin/designer/design-state.ts';
import { DEFAULT_PALETTE } from '../../../../renderer/seatmap/palette.ts';
import type { SeatMapEngine } from '../../../../renderer/seatmap/engine.ts';

/** The engine's surface the state drives, recording what it was asked to do. */
function stubEngine(model: SeatMapModel) {
  const calls: string[] = [];
  const engine = {
    model,
    renderer: { palette: DEFAULT_PALETTE },
    setModel(next: SeatMapModel) {
      calls.push('setModel');
      engine.model = next;
    },
    setTiers(tierOf: ArrayLike<number>) {
      calls.push('setTiers');
      for (let i = 0; i < engine.model.seatCount; i++) engine.model.tier[i] = tierOf[i] ?? 0;
    },
    repaintSeats: (seats: number[]) => calls.push(`repaint ${seats.join(',')}`),
    select: () => {},
    highlight: () => {},
  };
  return { engine, calls };
}

const block = (id: string, x: number) =>
  SeatedSectionSpec.parse({
    id,
    name: id,
    origin: [x, 200],
    rows: 2,
    seatsPerRow: 5,
    curveRadius: x === 300 ? undefined : 250,
  });

describe('the designer state', () => {
  it('appends a new section to the engine model without a rebuild, and matches a rebuild', () => {
    const state = new DesignState(emptyDesign('Hall'));
    const { engine, calls } = stubEngine(buildModel(state.map));
    state.attach(engine as unknown as SeatMapEngine);
    calls.length = 0;
    state.apply(addSeatedSection(state.map, block('L', 300)));
    state.apply(addSeatedSection(state.map, block('R', 700)));
    expect(calls).toEqual(['setModel', 'setModel']);
    const rebuilt = buildModel(state.map);
    expect(engine.model.ids).toEqual(rebuilt.ids);
    expect(engine.model.x).toEqual(rebuilt.x);
    expect(engine.model.sectionSeats).toEqual(rebuilt.sectionSeats);
  });

  it('repaints only painted seats, with their tier colour index and flags', () => {
    const state = new DesignState(addSeatedSection(emptyDesign('Hall'), block('L', 300)).map);
    state.apply(defineTier(state.map, { key: 'front', name: 'Front' }));
    const { engine, calls } = stubEngine(buildModel(state.map));
    state.attach(engine as unknown as SeatMapEngine);
    calls.length = 0;
    state.apply(paintTier(state.map, [1, 2], 'front'));
    state.apply(setSeatFlag(state.map, [2], 'wheelchair', true));
    expect(calls).toEqual(['repaint 1,2', 'repaint 2']);
    expect([...engine.model.tier.slice(0, 4)]).toEqual([0, 1, 1, 0]);
    expect(engine.model.flags[2]! & 1).toBe(1);
    expect(tierIndexer(state.map)(state.map.seats[1]!)).toBe(1);
  });

  it('undoes and redoes, rebuilding the model each time', () => {
    const state = new DesignState(addSeatedSection(emptyDesign('Hall'), block('L', 300)).map);
    const { engine } = stubEngine(buildModel(state.map));
    state.attach(engine as unknown as SeatMapEngine);
    state.apply(deleteSection(state.map, 'L'));
    expect(engine.model.seatCount).toBe(0);
    state.undo();
    expect(engine.model.seatCount).toBe(10);
    expect(state.canRedo).toBe(true);
    state.redo();
    expect(state.map.sections).toEqual([]);
    expect(engine.model.seatCount).toBe(0);
  });
});
