// The places a waitlist offer holds, in words, in each email language: a seat of a section without rows (a box) is
// named by its number alone, never with an empty row ("BOX-A row  seat 3").
import { describe, expect, it } from 'vitest';
import { offeredPlaces } from '../../../../cloud/services/fulfilment/waitlist-emails.ts';

const seats = [
  { sectionId: 'BOX-A', row: null, number: '3' },
  { sectionId: 'Main', row: 'A', number: '4' },
];

describe('the waitlist offer names the seats it holds', () => {
  it('names a seat without a row by its section and number, a seat with one by its row too', () => {
    expect(offeredPlaces({ ga: null, seats }, 'en')).toBe('2 seats: BOX-A seat 3, Main row A seat 4');
    expect(offeredPlaces({ ga: null, seats }, 'de')).toBe('2 Sitzplätze: BOX-A Platz 3, Main Reihe A Platz 4');
    expect(offeredPlaces({ ga: null, seats: [seats[0]!] }, 'ar')).toBe('مقعد واحد: BOX-A المقعد 3');
  });

  it('never leaves an empty row in any language', () => {
    for (const locale of ['en', 'de', 'ar'] as const) {
      const words = offeredPlaces({ ga: null, seats: [seats[0]!] }, locale);
      expect(words).not.toMatch(/ {2}/);
      expect(words).not.toMatch(/row|Reihe|الصف/);
    }
  });
});
