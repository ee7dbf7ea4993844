// Times of reports and exports as the venue's wall clock with its offset: across daylight-saving changes, zones east
// and west of UTC and half-hour offsets, and the instant they name is the same instant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, isoInZone } from '../../../cloud/domain/reports/zoned-time.ts';

describe('isoInZone', () => {
  it('writes the venue’s wall clock with its offset', () => {
    expect(isoInZone(new Date('2030-01-10T12:05:07Z'), 'Europe/Berlin')).toBe('2030-01-10T13:05:07+01:00');
    expect(isoInZone(new Date('2030-07-10T12:05:07.900Z'), 'Europe/Berlin')).toBe('2030-07-10T14:05:07+02:00');
    expect(isoInZone(new Date('2030-07-10T12:05:07Z'), 'America/New_York')).toBe('2030-07-10T08:05:07-04:00');
    expect(isoInZone(new Date('2030-07-10T12:05:07Z'), 'Asia/Kolkata')).toBe('2030-07-10T17:35:07+05:30');
    expect(isoInZone(new Date('2030-01-10T12:00:00Z'), 'UTC')).toBe('2030-01-10T12:00:00+00:00');
  });

  it('follows the clock change: the last second before and the first after', () => {
    expect(isoInZone(new Date('2030-03-31T00:59:59Z'), 'Europe/Berlin')).toBe('2030-03-31T01:59:59+01:00');
    expect(isoInZone(new Date('2030-03-31T01:00:00Z'), 'Europe/Berlin')).toBe('2030-03-31T03:00:00+02:00');
  });

  it('names the same instant, to the second, in any zone', () => {
    const zones = ['Europe/Berlin', 'Europe/London', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01Z'), max: new Date('2060-01-01Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          expect(Date.parse(isoInZone(instant, zone))).toBe(Math.floor(instant.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});

describe('calendar dates', () => {
  it('counts the days between two dates', () => {
    expect(daysBetween('2027-03-01', '2027-03-31')).toBe(30);
    expect(daysBetween('2027-03-31', '2027-03-01')).toBe(-30);
  });
});
