// Painting seats on the back office's map: a dragged rectangle selects exactly the seats whose centres lie in it,
// whichever way it was dragged and however the map is zoomed and panned, and erasing takes seats out again.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../../renderer/seatmap/model.ts';
import { SeatGrid } from '../../../../renderer/seatmap/spatial-index.ts';
import { Viewport } from '../../../../renderer/seatmap/viewport.ts';
import { paintInto, seatsInRectangle } from '../../../../renderer/modes/admin/seats/paint.ts';
import { smallHall } from '../../../support/world.ts';

function engineOver(map = smallHall(5, 10)) {
  const model = buildModel(map);
  const grid = new SeatGrid(model.x, model.y, map.width, map.height, model.seatSpacing * 6);
  const viewport = new Viewport(800, 600, map.width, map.height);
  viewport.fit();
  return { model, grid, viewport };
}

describe('painting seats', () => {
  it('selects the seats inside the dragged rectangle, dragged either way, zoomed and panned', () => {
    const engine = engineOver();
    const id = (seat: number) => engine.model.ids[seat];
    const at = (seatId: string) => {
      const seat = engine.model.indexById.get(seatId)!;
      const [x, y] = engine.viewport.toScreen(engine.model.x[seat]!, engine.model.y[seat]!);
      return { x, y };
    };
    const around = (fromId: string, toId: string) => {
      const a = at(fromId);
      const b = at(toId);
      const pad = 2;
      return [
        { x: Math.min(a.x, b.x) - pad, y: Math.min(a.y, b.y) - pad },
        { x: Math.max(a.x, b.x) + pad, y: Math.max(a.y, b.y) + pad },
      ] as const;
    };
    const [from, to] = around('MAIN-B-3', 'MAIN-C-5');
    const picked = seatsInRectangle(engine, from, to).map(id);
    expect(picked.sort()).toEqual(['MAIN-B-3', 'MAIN-B-4', 'MAIN-B-5', 'MAIN-C-3', 'MAIN-C-4', 'MAIN-C-5']);
    // Dragged from the bottom right to the top left: the same seats.
    expect(seatsInRectangle(engine, to, from).map(id).sort()).toEqual(picked.sort());

    engine.viewport.zoomAt(400, 300, 3);
    engine.viewport.panBy(-40, 25);
    const [zoomFrom, zoomTo] = around('MAIN-E-9', 'MAIN-E-10');
    expect(seatsInRectangle(engine, zoomFrom, zoomTo).map(id).sort()).toEqual(['MAIN-E-10', 'MAIN-E-9']);
    // A rectangle with no seat centre in it selects nothing.
    expect(seatsInRectangle(engine, { x: 0, y: 0 }, { x: 3, y: 3 })).toEqual([]);
  });

  it('adds a stroke to the selection, or erases it', () => {
    expect(paintInto([1, 5], [5, 2, 9], false)).toEqual([1, 2, 5, 9]);
    expect(paintInto([1, 2, 5, 9], [2, 9, 40], true)).toEqual([1, 5]);
  });
});
