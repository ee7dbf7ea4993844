// A promo code the cloud refuses while quoting: its message is kept for the code field and the code is taken off
// (`drop`), so the rest is priced without it. The message stays until the caller clears it (a new code).
import { useEffect, useState } from 'react';
import { promoCodeError } from './code-errors.ts';

export function useRefusedCode(
  quoteError: unknown,
  drop: () => void,
): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(null);
  const refused = promoCodeError(quoteError);
  useEffect(() => {
    if (refused === null) return;
    setMessage(refused);
    drop();
    // `drop` is the caller's setter wrapper, new each render; only a new refusal matters.
  }, [refused]);
  return [message, setMessage];
}
