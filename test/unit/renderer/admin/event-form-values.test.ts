// The back office's event forms: times typed on the venue's clock become the right instant (DST included), prices
// typed in major units become minor units, and a weekly series keeps the venue's clock time across a DST change.
import { describe, expect, it } from 'vitest';
import {
  fromMinorUnits,
  fromZonedInput,
  toMinorUnits,
  toZonedInput,
  weeklyStarts,
} from '../../../../renderer/modes/admin/events/form-values.ts';

describe('event form values', () => {
  it('reads and writes times on the venue clock', () => {
    expect(fromZonedInput('2027-05-12T19:30', 'Europe/Berlin')).toBe('2027-05-12T17:30:00.000Z');
    expect(fromZonedInput('2027-01-12T19:30', 'Europe/Berlin')).toBe('2027-01-12T18:30:00.000Z');
    expect(fromZonedInput('2027-05-12T19:30', 'America/New_York')).toBe('2027-05-12T23:30:00.000Z');
    expect(toZonedInput('2027-05-12T17:30:00.000Z', 'Europe/Berlin')).toBe('2027-05-12T19:30');
    expect(toZonedInput('2027-05-12T23:30:00.000Z', 'America/New_York')).toBe('2027-05-12T19:30');
    expect(fromZonedInput('tomorrow', 'UTC')).toBeNull();
  });

  it('keeps prices in minor units of the currency', () => {
    expect(toMinorUnits('45', 'EUR')).toBe(4500);
    expect(toMinorUnits('45,5', 'EUR')).toBe(4550);
    expect(toMinorUnits('0.05', 'EUR')).toBe(5);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('15.5', 'JPY')).toBeNull();
    expect(toMinorUnits('-3', 'EUR')).toBeNull();
    expect(toMinorUnits('4.555', 'EUR')).toBeNull();
    expect(fromMinorUnits(4550, 'EUR')).toBe('45.50');
  });

  it('makes a weekly series at the same clock time across the change to summer time', () => {
    expect(weeklyStarts('2027-03-20T20:00', 3, 'Europe/Berlin')).toEqual([
      '2027-03-20T19:00:00.000Z',
      '2027-03-27T19:00:00.000Z',
      '2027-04-03T18:00:00.000Z',
    ]);
  });
});
