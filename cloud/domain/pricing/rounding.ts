// Rate arithmetic in whole minor units. ONE rounding rule everywhere: half up (half away from zero; every amount here
// is ≥ 0), the commercial rule a buyer's calculator and the UK, EU and US tax authorities use, applied once per line
// and per component. Products are taken in BigInt, so rate × amount never loses precision.

/** Parts per million in one whole: tax rates. */
export const PPM = 1_000_000;
/** Basis points in one whole: fee and discount percentages. */
export const BASIS_POINTS = 10_000;

/** round(amount × numerator / denominator), half up. amount, numerator ≥ 0, denominator > 0, all integers. */
export function mulDivHalfUp(amount: number, numerator: number, denominator: number): number {
  assertWhole(amount, 'amount');
  assertWhole(numerator, 'numerator');
  if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new Error(`bad denominator: ${denominator}`);
  const product = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const quotient = product / d;
  const remainder = product % d;
  return Number(2n * remainder >= d ? quotient + 1n : quotient);
}

/** A percentage of an amount, rounded half up: percentOf(1999, 1000) = 200 (10 % of 19.99 is 2.00). */
export const percentOf = (amount: number, basisPoints: number): number =>
  mulDivHalfUp(amount, basisPoints, BASIS_POINTS);

/** Tax on a net amount (exclusive): round(net × rate). */
export const taxOnNet = (net: number, ratePpm: number): number => mulDivHalfUp(net, ratePpm, PPM);

/** Tax inside a gross amount (inclusive): round(gross × rate / (1 + rate)). Never more than the gross. A gross of
 * net + taxOnNet(net) gives back exactly taxOnNet(net) (tested), so both displays agree on the same sale. */
export const taxInGross = (gross: number, ratePpm: number): number => mulDivHalfUp(gross, ratePpm, PPM + ratePpm);

function assertWhole(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0: ${value}`);
}
