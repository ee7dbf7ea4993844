// How the designer names rows and seats: rows by letters (A, B, … Z, then AA, AB, …, skipping letters that read as
// digits, I and O by default) or by numbers; seats 1..n left to right or right to left, or only odd or only even
// numbers (a block on one side of a centre aisle in a British house). Pure, so the labels are property-tested.
import type { RowNumbering, SeatNumbering } from '../../../contract/index.ts';

/** The alphabet of a row scheme: A–Z without the skipped letters. */
export function rowAlphabet(skip: readonly string[]): string {
  const skipped = new Set(skip);
  let letters = '';
  for (let code = 65; code <= 90; code++) {
    const letter = String.fromCharCode(code);
    if (!skipped.has(letter)) letters += letter;
  }
  return letters;
}

/** Spreadsheet-style letters over the alphabet: 1 → A, after the last letter AA, AB, … (bijective base n). */
export function lettersFor(position: number, alphabet: string): string {
  if (alphabet.length === 0) throw new RangeError('a row alphabet needs at least one letter');
  let n = position;
  let label = '';
  while (n > 0) {
    const digit = (n - 1) % alphabet.length;
    label = alphabet[digit]! + label;
    n = Math.floor((n - 1) / alphabet.length);
  }
  return label;
}

/** The labels of `count` rows, nearest the stage first. */
export function rowLabels(count: number, numbering: RowNumbering): string[] {
  const alphabet = numbering.scheme === 'letters' ? rowAlphabet(numbering.skip) : '';
  return Array.from({ length: count }, (_, index) => {
    const position = numbering.start + index;
    return numbering.scheme === 'numbers' ? String(position) : lettersFor(position, alphabet);
  });
}

/** The numbers of a row's `count` seats, in the row's physical order from the left (as the map is drawn). */
export function seatNumbers(count: number, numbering: SeatNumbering): string[] {
  const step = numbering.parity === 'all' ? 1 : 2;
  let first = numbering.start;
  if (numbering.parity === 'odd' && first % 2 === 0) first++;
  if (numbering.parity === 'even' && first % 2 !== 0) first++;
  const numbers = Array.from({ length: count }, (_, index) => String(first + index * step));
  return numbering.direction === 'left-to-right' ? numbers : numbers.reverse();
}
