// What every client input must be before a schema looks at it: text Postgres can store, nested no deeper than a
// request ever needs. A NUL (U+0000) is refused by Postgres (SQLSTATE 22021: the API answered 500); an unpaired UTF-16
// surrogate is written as U+FFFD, silently changing what the client sent. Checked once at the boundary over every
// string and every key of an input (a route's body, query and path in cloud/http/route.ts; a webhook's report; a
// form), so no route can forget it.
import { DomainError } from './errors.ts';

/** Deeper than any request of the contract (a seat map import is about 5 levels deep). */
export const MAX_INPUT_DEPTH = 64;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface UnsafeInput {
  /** The dotted path a client sent (`buyer.name`, `seatIds.2`); `where` itself for the input as a whole. */
  field: string;
  message: string;
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
  depth: number;
}

const pathOf = (visit: Visit, where: string): string => {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.length > 0 ? keys.join('.') : where;
};

/** A key or value as it can be shown back: NUL and lone surrogates spelled as JSON escapes. */
const printable = (text: string) => JSON.stringify(text).slice(1, -1);

function whyUnstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  const lone = LONE_SURROGATE.exec(text);
  if (!lone) return null;
  const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains an unpaired UTF-16 surrogate (U+${code}), which is not text`;
}

/** The first string or key of `value` (in document order) that cannot be stored, or a nesting too deep; else null. */
export function findUnsafeInput(value: unknown, where: string): UnsafeInput | null {
  // Iterative, so a hostile nesting cannot overflow the stack before the depth limit is seen.
  const stack: Visit[] = [{ value, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (typeof visit.value === 'string') {
      const why = whyUnstorable(visit.value);
      if (why) return { field: pathOf(visit, where), message: why };
      continue;
    }
    if (typeof visit.value !== 'object' || visit.value === null) continue;
    if (visit.depth >= MAX_INPUT_DEPTH) {
      return { field: pathOf(visit, where), message: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
    }
    const entries = Object.entries(visit.value);
    for (const [key] of entries) {
      const why = whyUnstorable(key);
      if (why)
        return { field: pathOf({ ...visit, key: printable(key), parent: visit }, where), message: `a key ${why}` };
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push({ value: child, key, parent: visit, depth: visit.depth + 1 });
    }
  }
  return null;
}

/** Throws a `validation_failed` problem naming the field when `value` holds text that cannot be stored. */
export function assertSafeInput(value: unknown, where: string): void {
  const unsafe = findUnsafeInput(value, where);
  if (!unsafe) return;
  throw new DomainError('validation_failed', `${unsafe.field}: ${unsafe.message}`, {
    errors: [unsafe],
    field: unsafe.field,
  });
}
