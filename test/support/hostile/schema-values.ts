// Plausible values from the OpenAPI document's JSON Schemas (what zod's toJSONSchema writes): strings that fit their
// pattern or format, enums' first value, numbers within bounds, required fields only or all of them; and the paths of
// a value's leaves, so a hostile variant can put something else at each one.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Ids the seeded world has, by the name a field or parameter goes by (`eventId`, `venueId`, …). */
export type KnownIds = Record<string, string>;

export interface ValueOptions {
  /** Every optional property too, not only the required ones. */
  allFields: boolean;
  /** Which alternative of an anyOf/oneOf to take (modulo their count), so several calls cover each branch. */
  branch: number;
  ids: KnownIds;
  randomUuid: () => string;
}

const FORMATS: Record<string, string> = {
  'date-time': '2031-06-01T20:00:00Z',
  date: '2031-06-01',
  uri: 'https://shop.example/back',
  email: 'hostile@example.com',
};

/** Strings tried, in order, against a pattern the schema gives; the first that matches is taken. */
const PATTERN_CANDIDATES = [
  '2031-06-01T20:00:00Z',
  '2031-06-01',
  'EUR',
  'CH',
  '1234',
  '#ff3366',
  'SUMMER 2031',
  '+41 44 123 45 67',
  'hostile@example.com',
  'key-1234_ab',
  'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE',
  'Main Hall',
  'x',
];

function stringFor(schema: JsonSchema, name: string, options: ValueOptions): string {
  if (schema.format === 'uuid') return options.ids[name] ?? options.randomUuid();
  if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format]!;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const found = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate));
    if (found) return found;
  }
  const base = /email/i.test(name) ? 'hostile@example.com' : `${name || 'text'} value`;
  const padded = base.padEnd(schema.minLength ?? 0, 'x');
  return schema.maxLength !== undefined ? padded.slice(0, Math.max(schema.maxLength, schema.minLength ?? 1)) : padded;
}

function numberFor(schema: JsonSchema): number {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
  if (low !== undefined && low > 0) return low;
  if (high !== undefined && high < 1) return high;
  return 1;
}

/** A value that satisfies the schema's types and bounds (refinements across fields aside). */
export function valueFor(schema: JsonSchema | undefined, options: ValueOptions, name = '', depth = 0): Json {
  if (!schema || depth > 12) return null;
  if (schema.const !== undefined) return schema.const as Json;
  if (schema.enum?.length) return schema.enum[0] as Json;
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) {
    const choices = alternatives.filter((alternative) => alternative.type !== 'null');
    const pool = choices.length ? choices : alternatives;
    return valueFor(pool[options.branch % pool.length], options, name, depth + 1);
  }
  if (schema.allOf?.length) {
    const merged = schema.allOf.map((part) => valueFor(part, options, name, depth + 1));
    return Object.assign({}, ...merged.filter((part) => part && typeof part === 'object'));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema, name, options);
    case 'integer':
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      if (schema.prefixItems) return schema.prefixItems.map((item) => valueFor(item, options, name, depth + 1));
      const count = Math.max(schema.minItems ?? 0, options.allFields ? 1 : 0);
      const singular = name.replace(/Ids$/, 'Id');
      return Array.from({ length: count }, () => valueFor(schema.items, options, singular, depth + 1));
    }
    case 'object':
    case undefined: {
      if (!schema.properties) return type === 'object' ? {} : null;
      const value: Record<string, Json> = {};
      for (const [key, property] of Object.entries(schema.properties)) {
        if (options.allFields || schema.required?.includes(key)) {
          value[key] = valueFor(property, options, key, depth + 1);
        }
      }
      return value;
    }
    default:
      return null;
  }
}

export type JsonPath = (string | number)[];

/** Every place in a value where a hostile leaf can go: each property and element, containers included. */
export function leafPaths(value: Json, prefix: JsonPath = []): { path: JsonPath; value: Json }[] {
  const here = prefix.length ? [{ path: prefix, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => leafPaths(item, [...prefix, index]))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]))];
  }
  return here;
}

/** A deep copy of `value` with `replacement` at `path`. */
export function withValueAt(value: Json, path: JsonPath, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = withValueAt(copy[head as number] ?? null, rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  copy[head as string] = withValueAt(copy[head as string] ?? null, rest, replacement);
  return copy;
}
