// What the back office's event forms type and what the API takes: a date and time as the venue's clock shows it
// (datetime-local, in the venue's zone) ↔ an instant in UTC, and a price in major units ("45.50") ↔ integer minor
// units of the currency. Pure, so the conversions are unit-tested.
import { fractionDigits } from '../../../../cloud/domain/format.ts';

/** The zone's offset from UTC at an instant, in milliseconds (Europe/Berlin in summer: +2 h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** An instant as a datetime-local value on the venue's clock: "2027-05-12T19:30". */
export function toZonedInput(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + offsetAt(instant, timeZone)).toISOString().slice(0, 16);
}

/** A datetime-local value on the venue's clock as an instant (ISO, UTC); null when it is not a date and time. */
export function fromZonedInput(local: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // The offset at the guessed instant, then again at the corrected one (the two differ only around a DST change).
  let instant = asUtc - offsetAt(asUtc, timeZone);
  instant = asUtc - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** A typed price ("45", "45.5", "45,50") in minor units of the currency; null when it is not an amount. */
export function toMinorUnits(typed: string, currency: string): number | null {
  const text = typed.trim().replace(',', '.');
  const digits = fractionDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^\\d{1,7}(\\.\\d{1,${digits}})?$`) : /^\d{1,9}$/;
  if (!pattern.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

export const fromMinorUnits = (amount: number, currency: string): string => {
  const digits = fractionDigits(currency);
  return digits > 0 ? (amount / 10 ** digits).toFixed(digits) : String(amount);
};

/** `count` start times a week apart from the first (the venue's clock kept across a DST change). */
export function weeklyStarts(firstLocal: string, count: number, timeZone: string): string[] {
  const starts: string[] = [];
  const [date, time] = firstLocal.split('T');
  for (let week = 0; week < count; week++) {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 7 * week);
    const instant = fromZonedInput(`${day.toISOString().slice(0, 10)}T${time}`, timeZone);
    if (instant) starts.push(instant);
  }
  return starts;
}
