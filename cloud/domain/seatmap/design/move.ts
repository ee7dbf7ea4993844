// Moving a selection of seats by an offset (the designer's drag or arrow keys): the seats move, and a section whose
// seats are all in the selection moves with them (its outline too), so dragging a whole block moves the block. The
// map's bounds hold: a move that would put a seat outside the map is refused, not clipped.
import { DesignInputError, type DesignMap, type DesignResult } from './document.ts';

const round = (value: number) => Math.round(value * 100) / 100;

export function moveSeats(map: DesignMap, seatIndexes: readonly number[], dx: number, dy: number): DesignResult {
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new DesignInputError('offset', 'A move needs a distance.');
  const moving = new Set(seatIndexes.filter((index) => index >= 0 && index < map.seats.length));
  const seats = map.seats.slice();
  for (const index of moving) {
    const seat = seats[index]!;
    const x = round(seat.x + dx);
    const y = round(seat.y + dy);
    if (x < 0 || y < 0 || x > map.width || y > map.height)
      throw new DesignInputError('offset', `That would put seat ${seat.row}-${seat.number} outside the map.`);
    seats[index] = { ...seat, x, y };
  }
  // Sections every one of whose seats moves go along; a section with some seats left behind keeps its outline.
  const left = new Set<string>();
  const touched = new Set<string>();
  map.seats.forEach((seat, index) => (moving.has(index) ? touched : left).add(seat.sectionId));
  const sectionIds = [...touched].filter((id) => !left.has(id));
  const carried = new Set(sectionIds);
  const sections = map.sections.map((section) =>
    carried.has(section.id)
      ? { ...section, polygon: section.polygon.map(([x, y]) => [round(x + dx), round(y + dy)] as [number, number]) }
      : section,
  );
  return {
    map: { ...map, sections, seats },
    change: { kind: 'moved', seatIndexes: [...moving], sectionIds, dx, dy },
  };
}
