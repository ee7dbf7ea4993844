// Single-use presale codes in bulk: readable codes (orders/codes.ts: Crockford base32, `7K3M-9QXA`, 40 random bits)
// with no two alike. Apart from code-text.ts because it draws on node:crypto, which the web build cannot import.
import { readableCode } from '../orders/codes.ts';
import { codeKey } from './code-text.ts';

/**
 * `count` distinct single-use codes like `7K3M-9QXA` (distinct by codeKey too). `random` gives 5 random bytes per
 * code (node:crypto by default); pass one for repeatable tests. The database's unique key on (event, codeKey) is
 * still the judge across batches.
 */
export function newAccessCodes(count: number, random?: () => Uint8Array): string[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > 100_000) throw new Error(`bad code count: ${count}`);
  const codes = new Map<string, string>();
  let attempts = 0;
  while (codes.size < count) {
    if (++attempts > count * 10 + 100) throw new Error('the random source keeps repeating itself');
    const code = readableCode(random?.());
    codes.set(codeKey(code)!, code);
  }
  return [...codes.values()];
}
