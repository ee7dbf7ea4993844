// The designer's incremental model updates give the same model a rebuild from the whole map would.
import { describe, expect, it } from 'vitest';
import { SeatedSectionSpec } from '../../../../cloud/contract/index.ts';
import { generateTheatre } from '../../../../cloud/domain/seatmap/generator.ts';
import { addSeatedSection } from '../../../../cloud/domain/seatmap/design/sections.ts';
import { emptyDesign } from '../../../../cloud/domain/seatmap/design/document.ts';
import { setSeatFlag } from '../../../../cloud/domain/seatmap/design/edits.ts';
import { buildModel } from '../../../../renderer/seatmap/model.ts';
import { appendToModel, flagsOf, restyleSeats } from '../../../../renderer/seatmap/model-edits.ts';

const block = SeatedSectionSpec.parse({
  id: 'NEW',
  name: 'New',
  origin: [300, 300],
  rows: 3,
  seatsPerRow: 7,
  curveRadius: 200,
});

describe('incremental model updates', () => {
  it('appends a section to a model exactly as rebuilding it would', () => {
    const theatre = generateTheatre();
    const { map, change } = addSeatedSection(theatre, block);
    expect(change.kind).toBe('append');
    const appended = appendToModel(buildModel(theatre), map, 1, 21, () => 0);
    const rebuilt = buildModel(map);
    for (const key of ['seatCount', 'ids', 'rows', 'numbers', 'x', 'y', 'section', 'flags', 'sectionSeats'] as const)
      expect(appended[key]).toEqual(rebuilt[key]);
    expect(appended.sections.at(-1)!.bounds).toEqual(rebuilt.sections.at(-1)!.bounds);
    expect(appended.indexById.get('NEW-C-7')).toBe(rebuilt.indexById.get('NEW-C-7'));
  });

  it('learns the seat spacing from the first section added to an empty design', () => {
    const empty = emptyDesign('Hall');
    const { map } = addSeatedSection(empty, block);
    const model = appendToModel(buildModel(empty), map, 1, 21, () => 0);
    expect(model.seatSpacing).toBeCloseTo(10, 0);
  });

  it('restyles only the seats whose tier or flags changed', () => {
    const theatre = generateTheatre();
    const model = buildModel(theatre);
    const flagged = setSeatFlag(theatre, [5], 'wheelchair', true).map;
    const changed = restyleSeats(model, [
      { seat: 5, tier: 0, flags: flagsOf(flagged.seats[5]!) },
      { seat: 6, tier: model.tier[6]!, flags: model.flags[6]! },
    ]);
    expect(changed).toEqual([5]);
    expect(model.flags[5]! & 1).toBe(1);
  });
});
