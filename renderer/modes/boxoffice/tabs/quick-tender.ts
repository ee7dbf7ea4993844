// The cash a buyer is likely to hand over for what is due: the exact amount, then the next multiple of 5, 10, 20 and
// 50 of the currency's main unit (pounds, euros, yen) at or above it, each amount once, in rising order.
import { fractionDigits } from '../../../../cloud/domain/format.ts';

const NOTES = [5, 10, 20, 50];

/** Amounts in minor units: the first is `due` itself (exact). £47.50 → 47.50, 50, 60. */
export function quickTenders(due: number, currency: string): number[] {
  const unit = 10 ** fractionDigits(currency);
  const amounts = [due];
  for (const note of NOTES) {
    const step = note * unit;
    const next = Math.ceil(due / step) * step;
    if (!amounts.includes(next)) amounts.push(next);
  }
  return amounts.sort((a, b) => a - b);
}
