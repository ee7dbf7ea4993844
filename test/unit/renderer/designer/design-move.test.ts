// Moving a selection in the designer: the seats move (and a section all of whose seats move, its outline too), the
// engine's model is updated in place and equals a rebuild from the moved map, the selection stays, one undo step
// puts everything back, a move off the map is refused, and the design checks see the new positions (an overlap).
import { describe, expect, it } from 'vitest';
import { SeatedSectionSpec } from '../../../../cloud/contract/index.ts';
import { checkDesign } from '../../../../cloud/domain/seatmap/design/checks.ts';
import { DesignInputError, emptyDesign } from '../../../../cloud/domain/seatmap/design/document.ts';
import { moveSeats } from '../../../../cloud/domain/seatmap/design/move.ts';
import { addSeatedSection } from '../../../../cloud/domain/seatmap/design/sections.ts';
import { DesignState } from '../../../../renderer/modes/admin/designer/design-state.ts';
import type { SeatMapEngine } from '../../../../renderer/seatmap/engine.ts';
import { buildModel, type SeatMapModel } from '../../../../renderer/seatmap/model.ts';
import { DEFAULT_PALETTE } from '../../../../renderer/seatmap/palette.ts';

const block = (id: string, x: number) =>
  SeatedSectionSpec.parse({ id, name: id, origin: [x, 200], rows: 2, seatsPerRow: 5 });

function hall() {
  return addSeatedSection(addSeatedSection(emptyDesign('Hall'), block('L', 300)).map, block('R', 600)).map;
}

function stubEngine(model: SeatMapModel) {
  const calls: string[] = [];
  const engine = {
    model,
    renderer: { palette: DEFAULT_PALETTE },
    setModel(next: SeatMapModel) {
      calls.push('setModel');
      engine.model = next;
    },
    setTiers: () => calls.push('setTiers'),
    repaintSeats: () => {},
    select: () => {},
    highlight: () => {},
  };
  return { engine, calls };
}

const seatsOf = (map: ReturnType<typeof hall>, sectionId: string) =>
  map.seats.flatMap((seat, index) => (seat.sectionId === sectionId ? [index] : []));

describe('moving seats in the designer', () => {
  it('moves a whole section with its outline, and a part of one without', () => {
    const map = hall();
    const left = seatsOf(map, 'L');
    const { map: moved, change } = moveSeats(map, left, 40, -10);
    expect(change).toMatchObject({ kind: 'moved', sectionIds: ['L'], dx: 40, dy: -10 });
    expect(moved.seats[left[0]!]).toMatchObject({ x: map.seats[left[0]!]!.x + 40, y: map.seats[left[0]!]!.y - 10 });
    const outline = (m: typeof map) => m.sections.find((s) => s.id === 'L')!.polygon[0]!;
    expect(outline(moved)).toEqual([outline(map)[0] + 40, outline(map)[1] - 10]);
    // Two seats of R: they move, R's outline stays.
    const part = moveSeats(map, seatsOf(map, 'R').slice(0, 2), 5, 0);
    expect(part.change).toMatchObject({ sectionIds: [] });
    expect(part.map.sections).toEqual(map.sections);
    expect(map.seats[left[0]!]!.x).toBe(hall().seats[left[0]!]!.x); // the input map is untouched
    expect(() => moveSeats(map, left, -10_000, 0)).toThrow(DesignInputError);
  });

  it('updates the engine model in place to what a rebuild gives, keeps the selection, and undoes in one step', () => {
    const state = new DesignState(hall());
    const { engine, calls } = stubEngine(buildModel(state.map));
    state.attach(engine as unknown as SeatMapEngine);
    const left = seatsOf(state.map, 'L');
    state.setSelection(left);
    calls.length = 0;
    state.moveSelection(25, 15);
    expect(calls).toEqual(['setModel']); // no rebuild from the map (no setTiers)
    const rebuilt = buildModel(state.map);
    expect(engine.model.x).toEqual(rebuilt.x);
    expect(engine.model.y).toEqual(rebuilt.y);
    expect(engine.model.sections.map((s) => s.bounds)).toEqual(rebuilt.sections.map((s) => s.bounds));
    expect([...state.selected]).toEqual(left);
    state.undo();
    expect(state.map).toEqual(hall());
    expect(engine.model.x).toEqual(buildModel(hall()).x);
  });

  it('lets the checks see where the seats went: moved onto another block, they overlap', () => {
    const map = hall();
    expect(checkDesign(map).problems).toEqual([]);
    const onto = moveSeats(map, seatsOf(map, 'L'), 300, 0).map;
    expect(checkDesign(onto).problems.map((p) => p.rule)).toContain('overlapping_seats');
  });
});
