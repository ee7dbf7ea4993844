import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RowNumbering, SeatNumbering } from '../../../../cloud/contract/index.ts';
import { lettersFor, rowAlphabet, rowLabels, seatNumbers } from '../../../../cloud/domain/seatmap/design/numbering.ts';

const rows = (input: object) => RowNumbering.parse(input);
const seats = (input: object) => SeatNumbering.parse(input);

describe('row numbering', () => {
  it('names rows A, B, … skipping I and O, then AA, AB', () => {
    const labels = rowLabels(26, rows({}));
    expect(labels.slice(0, 10)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K']);
    expect(labels).not.toContain('I');
    expect(labels).not.toContain('O');
    expect(labels[23]).toBe('Z');
    expect(labels[24]).toBe('AA');
    expect(labels[25]).toBe('AB');
  });

  it('numbers rows, and starts a block behind another further on', () => {
    expect(rowLabels(3, rows({ scheme: 'numbers', start: 10 }))).toEqual(['10', '11', '12']);
    expect(rowLabels(2, rows({ start: 3, skip: [] }))).toEqual(['C', 'D']);
  });

  it('gives every row its own label and never a skipped letter (property)', () => {
    const skip = fc.uniqueArray(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { maxLength: 10 });
    fc.assert(
      fc.property(skip, fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 50 }), (skipped, count, start) => {
        const labels = rowLabels(count, rows({ skip: skipped, start }));
        expect(new Set(labels).size).toBe(count);
        const pattern = skipped.length > 0 ? new RegExp(`[${skipped.join('')}]`) : null;
        if (pattern) expect(labels.filter((label) => pattern.test(label))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('counts like a spreadsheet over any alphabet', () => {
    const alphabet = rowAlphabet(['I', 'O']);
    expect(alphabet).toHaveLength(24);
    expect(lettersFor(24 + 24 * 24 + 1, alphabet)).toBe('AAA');
  });
});

describe('seat numbering', () => {
  it('numbers left to right, right to left, odd and even sides', () => {
    expect(seatNumbers(4, seats({}))).toEqual(['1', '2', '3', '4']);
    expect(seatNumbers(4, seats({ direction: 'right-to-left' }))).toEqual(['4', '3', '2', '1']);
    expect(seatNumbers(3, seats({ parity: 'odd' }))).toEqual(['1', '3', '5']);
    expect(seatNumbers(3, seats({ parity: 'even', direction: 'right-to-left' }))).toEqual(['6', '4', '2']);
  });

  it('keeps every number of a row distinct and of its parity (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom('all', 'odd', 'even'),
        fc.constantFrom('left-to-right', 'right-to-left'),
        fc.integer({ min: 0, max: 100 }),
        (count, parity, direction, start) => {
          const numbers = seatNumbers(count, seats({ parity, direction, start })).map(Number);
          expect(new Set(numbers).size).toBe(count);
          if (parity !== 'all') for (const n of numbers) expect(n % 2).toBe(parity === 'odd' ? 1 : 0);
        },
      ),
    );
  });
});
