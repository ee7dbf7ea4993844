// What makes two typed codes the same code: the key a promo or presale code is stored and looked up by (unique per
// event). Case, spaces, dashes and underscores do not count, and the letters people mix up with digits read as the
// digits (O as 0, I and L as 1), as in the Crockford alphabet of the generated codes (orders/codes.ts). The organizer's
// spelling ("SUMMER-25") is kept apart for display. No node:crypto here: the shop and devices may import it.

/** The lookup key of a typed code: "summer 25", "Summer-25" → "SUMMER25"; null if it cannot be a code. */
export function codeKey(input: string): string | null {
  const key = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return /^[0-9A-Z]{3,32}$/.test(key) ? key : null;
}

/** Whether two typed codes are the same code. */
export const sameCode = (a: string, b: string): boolean => {
  const key = codeKey(a);
  return key !== null && key === codeKey(b);
};
