// What a stranger sends, generated per operation: a plausibly valid request first, then variants of it — NUL and lone
// surrogates in every string (body, query, path), oversized strings and bodies (with and without Content-Length),
// deep nesting, wrong types at every field, `__proto__` / `constructor` / `prototype` keys, bad path segments, wrong
// content types, invalid JSON, empty bodies, a huge number of keys, hostile headers and forged tokens. Requests are
// yielded lazily: some bodies are tens of megabytes.
import { randomUUID } from 'node:crypto';
import { pathWith, type Operation } from './operations.ts';
import { leafPaths, valueFor, withValueAt, type Json, type JsonPath, type KnownIds } from './schema-values.ts';

export interface HostileRequest {
  operationId: string;
  variant: string;
  method: string;
  /** Path and query string, as sent (segments already encoded, or deliberately not). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Streamed in chunks without a Content-Length. */
  chunked?: boolean;
  /** Larger than the route takes: the server may close the connection after (or instead of) answering. */
  oversized?: boolean;
  /** Sent instead of the caller's token (forged or malformed credentials); '' sends none. */
  authorization?: string;
  /** The parameter or body field the variant puts something hostile in (field-by-field variants only). */
  field?: string;
}

export interface VariantContext {
  ids: KnownIds;
  /** Values for declared headers that let a request through (a real hold token). */
  headerValues: Record<string, string>;
}

const MB = 1024 * 1024;
const WRONG_TYPES: [string, Json][] = [
  ['null', null],
  ['a number', 12345],
  ['a string', 'text'],
  ['an object', {}],
  ['an array', []],
];
const NUMBER_EDGES: [string, Json][] = [
  ['-1', -1],
  ['1e308', 1e308],
  ['0.5', 0.5],
];
const PATH_SEGMENTS: [string, string][] = [
  ['%00', 'a%00b'],
  ['lone surrogate (%ED%A0%80)', '%ED%A0%80'],
  ['..%2F traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['backslash', 'a%5Cb\\..\\x'],
  ['10 KB', 'a'.repeat(10 * 1024)],
  ['not-a-uuid', 'not-a-uuid'],
  ['bare %', '%'],
];
const QUERY_VALUES: [string, string][] = [
  ['%00', 'a%00b'],
  ['lone surrogate (%ED%A0%80)', '%ED%A0%80'],
  ['bare %', '%'],
  ['10 KB', 'a'.repeat(10 * 1024)],
  ['not a number', 'abc'],
  ['empty', ''],
];
const PROTOTYPE_KEYS: [string, string][] = [
  ['__proto__ key', '"__proto__":{"admin":true,"groups":["admin"],"role":"admin"}'],
  ['constructor.prototype key', '"constructor":{"prototype":{"admin":true}}'],
  ['prototype key', '"prototype":{"admin":true}'],
  ['NUL key', '"\\u0000":1'],
  ['lone surrogate key', '"\\ud800":1'],
];
// An admin token with "alg": "none": a forgery that must be refused, not believed.
const UNSIGNED_ADMIN = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
  '{"sub":"forged","cognito:groups":["admin"],"token_use":"access"}',
).toString('base64url')}.`;
const AUTHORIZATIONS: [string, string][] = [
  ['garbage bearer', 'Bearer garbage'],
  ['8 KB bearer', `Bearer ${'a'.repeat(8 * 1024)}`],
  ['Basic credentials', 'Basic YWRtaW46YWRtaW4='],
  ['three empty parts', 'Bearer a.b.c'],
  ['unsigned admin token', `Bearer ${UNSIGNED_ADMIN}`],
];

const idsOptions = (ctx: VariantContext, allFields: boolean, branch: number) => ({
  allFields,
  branch,
  ids: ctx.ids,
  randomUuid: randomUUID,
});

/** Puts a JSON text (or raw bytes) in place of the leaf at `path`: for shapes JSON.stringify cannot make. */
function spliceAt(body: Json, path: JsonPath, replacement: string): string {
  const marker = `__hostile_${randomUUID()}__`;
  return JSON.stringify(withValueAt(body, path, marker)).replace(`"${marker}"`, () => replacement);
}

/** An object's JSON with extra members first, written as text (so `__proto__` stays an own key). */
function withMembers(body: Json, members: string): string {
  const text = JSON.stringify(body && typeof body === 'object' && !Array.isArray(body) ? body : {});
  return text === '{}' ? `{${members}}` : `{${members},${text.slice(1)}`;
}

export function* variantsOf(operation: Operation, ctx: VariantContext): Generator<HostileRequest> {
  const hasBody = !['GET', 'DELETE'].includes(operation.method);
  const segments = Object.fromEntries(
    operation.pathParams.map((param) => [
      param.name,
      encodeURIComponent(String(valueFor(param.schema, idsOptions(ctx, false, 0), param.name))),
    ]),
  );
  const queryOf = (allFields: boolean) =>
    Object.fromEntries(
      operation.query
        .filter((param) => allFields || param.required)
        .map((param) => [param.name, String(valueFor(param.schema, idsOptions(ctx, false, 0), param.name))]),
    );
  const headersOf = (): Record<string, string> =>
    Object.fromEntries(
      operation.headers.map((header) => [
        header.name,
        /idempotency/i.test(header.name) ? randomUUID() : (ctx.headerValues[header.name] ?? `hostile-${randomUUID()}`),
      ]),
    );
  const bodies = [0, 1, 2, 3].map((branch) => valueFor(operation.body, idsOptions(ctx, true, branch)));
  const required = valueFor(operation.body, idsOptions(ctx, false, 0));
  const base = bodies[0]!;
  const json = { 'content-type': 'application/json' };

  const make = (
    variant: string,
    options: {
      segments?: Record<string, string>;
      query?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      chunked?: boolean;
      oversized?: boolean;
      authorization?: string;
      omitHeaders?: string[];
    } = {},
  ): HostileRequest => {
    const query = options.query ?? new URLSearchParams(queryOf(true)).toString();
    const headers: Record<string, string> = {
      ...headersOf(),
      ...(options.body !== undefined ? json : {}),
      ...options.headers,
    };
    for (const name of options.omitHeaders ?? []) delete headers[name];
    const body =
      options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
    return {
      operationId: operation.operationId,
      variant,
      method: operation.method,
      path: pathWith(operation.pattern, { ...segments, ...options.segments }) + (query ? `?${query}` : ''),
      headers,
      ...(body ? { body } : {}),
      ...(options.chunked ? { chunked: true } : {}),
      ...(options.oversized ? { oversized: true } : {}),
      ...(options.authorization !== undefined ? { authorization: options.authorization } : {}),
    };
  };
  const withBody = (variant: string, body: string | Buffer, extra: Parameters<typeof make>[1] = {}) =>
    make(variant, { ...extra, body: hasBody ? body : undefined });

  // The plausibly valid requests: required fields only, then every field along each branch of a union.
  yield make('valid (required fields)', {
    query: new URLSearchParams(queryOf(false)).toString(),
    ...(operation.body ? { body: JSON.stringify(required) } : {}),
  });
  for (const [branch, body] of bodies.entries()) {
    if (branch > 0 && JSON.stringify(body) === JSON.stringify(base)) continue;
    yield make(`valid (all fields, branch ${branch})`, operation.body ? { body: JSON.stringify(body) } : {});
  }
  const validBody = operation.body ? JSON.stringify(base) : '{}';

  for (const param of operation.pathParams) {
    for (const [label, segment] of PATH_SEGMENTS) {
      yield { ...make(`path ${param.name} = ${label}`, { segments: { [param.name]: segment } }), field: param.name };
    }
  }
  for (const param of operation.query) {
    for (const [label, value] of QUERY_VALUES) {
      const others = new URLSearchParams(queryOf(true));
      others.delete(param.name);
      const rest = others.toString();
      const query = `${param.name}=${value}${rest ? `&${rest}` : ''}`;
      yield { ...make(`query ${param.name} = ${label}`, { query }), field: param.name };
    }
    yield { ...make(`query ${param.name} repeated`, { query: `${param.name}=a&${param.name}=b` }), field: param.name };
  }
  yield make('unknown query parameter with %00', { query: 'zzz=%00&__proto__=x' });

  for (const header of operation.headers) {
    if (/idempotency/i.test(header.name)) {
      yield withBody('no Idempotency-Key', validBody, { omitHeaders: [header.name] });
      yield withBody('Idempotency-Key of 300 characters', validBody, { headers: { [header.name]: 'k'.repeat(300) } });
      yield withBody('Idempotency-Key in Latin-1', validBody, { headers: { [header.name]: 'ÿéÿéÿéÿé' } });
      continue;
    }
    yield withBody(`${header.name} of 8 KB`, validBody, { headers: { [header.name]: 'a'.repeat(8 * 1024) } });
    yield withBody(`${header.name} in Latin-1`, validBody, { headers: { [header.name]: 'ÿé token' } });
    yield withBody(`${header.name} empty`, validBody, { headers: { [header.name]: '' } });
  }
  for (const [label, authorization] of AUTHORIZATIONS) {
    yield withBody(`Authorization: ${label}`, validBody, { authorization });
  }

  if (!hasBody) {
    yield make('a body on a bodiless method', { body: validBody });
    return;
  }

  // The body as a whole.
  for (const [label, text] of [
    ['invalid JSON {"a":', '{"a":'],
    ['invalid JSON {', '{'],
    ['invalid JSON nul', 'nul'],
    ["invalid JSON {'a':1}", "{'a':1}"],
    ['byte order mark before JSON', `\ufeff${validBody}`],
    ['empty body', ''],
    ['body null', 'null'],
    ['body []', '[]'],
    ['body "x"', '"x"'],
    ['body 0', '0'],
    ['body true', 'true'],
    ['body {}', '{}'],
    ['10,000 [ unclosed', '['.repeat(10_000)],
    ['10,000 nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['10,000 nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ] as const) {
    yield withBody(label, text);
  }
  for (const [label, contentType] of [
    ['text/plain', 'text/plain'],
    ['multipart/form-data', 'multipart/form-data; boundary=x'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
    ['application/json; charset=utf-16le', 'application/json; charset=utf-16le'],
    ['application/vnd.hostile+json', 'application/vnd.hostile+json'],
  ] as const) {
    yield withBody(`content-type ${label}`, validBody, { headers: { 'content-type': contentType } });
  }
  yield withBody('multipart body', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', {
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
  });
  yield withBody('no content-type', validBody, { omitHeaders: ['content-type'] });
  for (const [label, members] of PROTOTYPE_KEYS) yield withBody(label, withMembers(base, members));

  const limit = operation.bodyLimit;
  const padded = (size: number) => `{"pad":"${'a'.repeat(Math.max(0, size - 10))}"}`;
  yield withBody('body over the limit (Content-Length)', padded(limit + 1), { oversized: true });
  yield withBody('body over the limit (chunked)', padded(limit + 64 * 1024), { oversized: true, chunked: true });
  const keyCount = Math.floor((Math.min(limit, MB) * 0.9) / 14);
  const keys = Array.from({ length: keyCount }, (_, index) => `"k${index}":0`).join(',');
  yield withBody(`${keyCount} keys`, withMembers(base, keys));

  // Field by field, over every branch's fields (a union's other shapes have fields of their own).
  const seen = new Set<string>();
  const leaves = bodies
    .flatMap((body) => leafPaths(body).map((leaf) => ({ ...leaf, body })))
    .filter((leaf) => !seen.has(leaf.path.join('.')) && seen.add(leaf.path.join('.')))
    .slice(0, 40);
  const firstString = leaves.find((leaf) => typeof leaf.value === 'string');
  if (firstString) {
    const field = firstString.path.join('.');
    yield withBody(
      `1 MB string in ${field}`,
      JSON.stringify(withValueAt(firstString.body, firstString.path, 'a'.repeat(MB))),
      {
        oversized: limit < MB,
      },
    );
    const room = Math.min(limit, MB) - JSON.stringify(firstString.body).length - 64;
    if (room > 0 && limit < MB) {
      yield withBody(
        `string at the limit in ${field}`,
        JSON.stringify(withValueAt(firstString.body, firstString.path, 'a'.repeat(room))),
      );
    }
    const marker = spliceAt(firstString.body, firstString.path, '"__bytes__"');
    const [before, after] = marker.split('__bytes__');
    yield withBody(
      `invalid UTF-8 in ${field}`,
      Buffer.concat([
        Buffer.from(before!),
        Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]),
        Buffer.from(after!),
      ]),
    );
  }
  for (const leaf of leaves) {
    const field = leaf.path.join('.');
    const inField = (variant: string, body: string): HostileRequest => ({ ...withBody(variant, body), field });
    const put = (replacement: Json) => JSON.stringify(withValueAt(leaf.body, leaf.path, replacement));
    if (typeof leaf.value === 'string') {
      yield inField(`NUL in ${field}`, put(`${leaf.value}\u0000x`));
      yield inField(`lone surrogate in ${field}`, put(`${leaf.value}\ud800`));
      yield inField(`10 KB ${field}`, put('x'.repeat(10 * 1024)));
    }
    if (typeof leaf.value === 'number') {
      for (const [label, value] of NUMBER_EDGES) yield inField(`${field} = ${label}`, put(value));
    }
    const kind = (value: Json) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
    for (const [label, value] of WRONG_TYPES) {
      if (kind(value) !== kind(leaf.value)) yield inField(`${label} for ${field}`, put(value));
    }
    if (leaf.value && typeof leaf.value === 'object') {
      yield inField(
        `10,000 nested arrays in ${field}`,
        spliceAt(leaf.body, leaf.path, `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
      );
      if (!Array.isArray(leaf.value)) {
        yield inField(
          `__proto__ key in ${field}`,
          spliceAt(leaf.body, leaf.path, withMembers(leaf.value, PROTOTYPE_KEYS[0]![1])),
        );
      }
    }
    const first = Array.isArray(leaf.value) ? leaf.value[0] : undefined;
    if (first !== undefined && (first === null || typeof first !== 'object')) {
      yield inField(`10,000 elements in ${field}`, put(Array.from({ length: 10_000 }, () => first)));
    }
  }
}
