// Currencies: how many decimal digits a currency's minor unit has (ISO 4217), and amounts as plain decimal text for
// payment providers and exports. Every amount in TicketBoss is an integer in these minor units.
//
// A table rather than Intl: Intl follows CLDR's display digits, which for some currencies differ from ISO 4217's
// minor units (Node 20 says HUF 0 and IQD 0, ISO says 2 and 3), and would silently say 2 for a code it does not know.
// For the currencies we sell in (EUR, GBP, USD, JPY, KRW, KWD, BHD, JOD, OMR, TND…) the two agree (tested).

const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';

const EXPONENTS = new Map<string, number>([
  ...EXPONENT_0.split(' ').map((code): [string, number] => [code, 0]),
  ...EXPONENT_3.split(' ').map((code): [string, number] => [code, 3]),
  ...EXPONENT_4.split(' ').map((code): [string, number] => [code, 4]),
]);

/** Decimal digits of the currency's minor unit: EUR 2, JPY 0, KWD 3. Any other well-formed code is 2. */
export function minorUnitExponent(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`not an ISO 4217 currency code: ${currency}`);
  return EXPONENTS.get(currency) ?? 2;
}

/** An amount in minor units as decimal text in major units, without grouping or symbol: 1250 EUR → "12.50",
 * 1250 JPY → "1250", 1250 KWD → "1.250", -5 EUR → "-0.05". */
export function minorToDecimal(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`not a whole number of minor units: ${amount}`);
  const exponent = minorUnitExponent(currency);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = amount < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Decimal text in major units as minor units ("12.5" EUR → 1250), or null if it is not one or has more decimals
 * than the currency's minor unit ("12.345" EUR, "1.5" JPY). */
export function decimalToMinor(text: string, currency: string): number | null {
  const exponent = minorUnitExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) return null;
  const amount = Number(whole! + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(amount)) return null;
  return sign ? -amount : amount;
}
