// The order page's and the wallet's place names (issue 18): what a buyer reads on the confirmation and on each ticket
// card. A seat in a section without rows (a box, a numbered bench) is a seat, not standing; a ticket with no seat
// number is a standing place; sections go by their names from the seat map, or their id when the map lacks one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateLocale, i18n } from '../../../../renderer/i18n/index.ts';
import { placeWords, type Sections } from '../../../../renderer/modes/shop/wallet/wallet-data.ts';

const t = (id: string, values?: Record<string, unknown>) => i18n._(id, values);
const sections = [
  { id: 'BOX-A', name: 'Box A' },
  { id: 'ORCH', name: 'Orchestra' },
  { id: 'FLOOR', name: 'Floor' },
] as unknown as Sections;

describe('wallet place names', () => {
  beforeAll(() => activateLocale('en', ['wallet']));
  afterAll(() => activateLocale('en', ['wallet']));

  it('names a seat without a row as a seat, a seat with a row by row and seat, a place with no number as standing', () => {
    expect(placeWords(t, { sectionId: 'BOX-A', row: null, number: '3' }, sections)).toBe('Box A · Seat 3');
    expect(placeWords(t, { sectionId: 'ORCH', row: '6', number: '22' }, sections)).toBe('Orchestra · Row 6 · Seat 22');
    expect(placeWords(t, { sectionId: 'FLOOR', row: null, number: null }, sections)).toBe('Floor · Standing');
    expect(placeWords(t, { sectionId: 'BALC', row: 'B', number: '1' }, sections)).toBe('BALC · Row B · Seat 1');
  });

  it('says it in German too', async () => {
    await activateLocale('de', ['wallet']);
    expect(placeWords(t, { sectionId: 'BOX-A', row: null, number: '3' }, sections)).toBe('Box A · Platz 3');
    expect(placeWords(t, { sectionId: 'FLOOR', row: null, number: null }, sections)).toBe('Floor · Stehplatz');
  });
});
