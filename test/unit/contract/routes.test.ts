// The route table (cloud/contract/routes.ts) is the API as the app serves it: every route the built Hono app
// registers is in the table and every table route is registered, under the same operationId; path builders encode
// their values; and no client or route file spells an API path itself any more.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_PREFIX,
  LIVE_PATH,
  apiHeaderKeys,
  apiHeaders,
  apiPaths,
  apiPatterns,
  apiRoutes,
  pathOf,
  type ApiPatternName,
} from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { pathPattern } from '../../../cloud/http/route.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld } from '../../support/world.ts';

/**
 * What the app registers beyond the API, each with the reason it is not in the table. (`/dev/mailbox` and
 * `/sandbox/…` are not here: the local server adds them beside the app, they are no routes of it.)
 */
const NOT_API_ROUTES: Record<string, string> = {
  'ALL /*': 'middleware: the standard headers and CORS preflight on every answer',
  'GET /*': 'middleware: compression of GET answers',
  'GET /healthz': "a load balancer's liveness probe, outside the versioned API",
  'GET /.well-known/jwks.json':
    "the embedded identity provider's keys, at the address OpenID fixes for token verifiers",
};

const tableRoutes = Object.values(apiRoutes).map((route) => `${route.method} ${route.path}`);
const repo = join(import.meta.dirname, '../../..');

describe('the route table', () => {
  let db: Db;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb('pglite');
    api = await testApi((await buildWorld(db)).services);
  });
  afterAll(async () => db.close());

  it('lists exactly the routes the app registers', () => {
    const registered = api.app.routes.map((route) => `${route.method} ${route.path}`);
    expect(registered.filter((route) => !(route in NOT_API_ROUTES)).sort()).toEqual([...tableRoutes].sort());
    expect(new Set(tableRoutes).size).toBe(tableRoutes.length);
    for (const route of Object.keys(NOT_API_ROUTES)) expect(registered).toContain(route);
  });

  it('names each route by the operationId the OpenAPI document gives it', async () => {
    const { body: document } = await api.call('GET', apiPaths.openApi());
    const operations: string[] = [];
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const operationId = (operation as { operationId: string }).operationId;
        operations.push(operationId);
        expect(apiRoutes[operationId as keyof typeof apiRoutes], operationId).toEqual({
          method: method.toUpperCase(),
          path: path.replace(/\{([A-Za-z]+)\}/g, ':$1'),
        });
      }
    }
    // The document describes every route but itself.
    expect(operations.sort()).toEqual(
      Object.keys(apiRoutes)
        .filter((name) => name !== 'openApiDocument')
        .sort(),
    );
  });

  it('keeps every path under the version prefix, and every pattern in use', () => {
    for (const pattern of [...Object.values(apiPatterns), LIVE_PATH])
      expect(pattern.startsWith(`${API_PREFIX}/`)).toBe(true);
    const used = new Set<string>(Object.values(apiRoutes).map((route) => route.path));
    expect(Object.values(apiPatterns).filter((pattern) => !used.has(pattern))).toEqual([]);
  });
});

describe('path builders', () => {
  it('encode each value as one path segment', () => {
    expect(apiPaths.order('3f6c/../admin?x=1#y z')).toBe('/v1/orders/3f6c%2F..%2Fadmin%3Fx%3D1%23y%20z');
    expect(apiPaths.orderPaymentCompletion('a b')).toBe('/v1/orders/a%20b/payments/complete');
    expect(apiPaths.venueSeatMaps('ü')).toBe('/v1/admin/venues/%C3%BC/seatmaps');
    expect(apiPaths.orders()).toBe('/v1/orders');
    expect(pathOf('/v1/a/:first/b/:second', 'x/1', 'y?2')).toBe('/v1/a/x%2F1/b/y%3F2');
  });

  it('build, for every pattern, a path the app routes to that pattern with the values given', () => {
    for (const [name, pattern] of Object.entries(apiPatterns) as [ApiPatternName, string][]) {
      const names = pattern.match(/:[A-Za-z]+/g) ?? [];
      const values = names.map((_, i) => `value/${i} ?#`);
      const build = apiPaths[name] as (...values: string[]) => string;
      const path = build(...values);
      expect(path, name).toMatch(pathPattern(pattern));
      const segments = path.split('/');
      const patternSegments = pattern.split('/');
      expect(segments).toHaveLength(patternSegments.length);
      const decoded = patternSegments.flatMap((segment, i) =>
        segment.startsWith(':') ? [decodeURIComponent(segments[i]!)] : [],
      );
      expect(decoded, name).toEqual(values);
    }
  });

  it('take exactly the parameters their pattern names (checked by the compiler)', () => {
    // @ts-expect-error a path to one order needs its id
    expect(() => apiPaths.order()).toThrow(/orderId/);
    // @ts-expect-error the list of orders has no id
    expect(apiPaths.orders('x')).toBe('/v1/orders');
  });
});

describe('header names', () => {
  it('are sent lower-cased, the same names the API documents', () => {
    for (const [name, header] of Object.entries(apiHeaders)) {
      expect(apiHeaderKeys[name as keyof typeof apiHeaders]).toBe(header.toLowerCase());
    }
    expect(apiHeaderKeys).toMatchObject({
      idempotencyKey: 'idempotency-key',
      holdToken: 'x-hold-token',
      orderToken: 'x-order-token',
      apiKey: 'x-api-key',
    });
  });
});

/** Every string or template piece in the TypeScript files under `folder` that names an API path. */
function apiPathLiterals(folder: string): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) scan(path);
    }
  };
  const scan = (path: string) => {
    const file = relative(repo, path);
    if (file in LITERALS_ALLOWED) return;
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      const isLiteral =
        ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
      if (isLiteral && /(^|[^\w.-])\/v1(\/|$)/.test(node.text)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file}:${line + 1}: ${node.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  };
  walk(join(repo, folder));
  return found;
}

/** Files that may spell `/v1` paths, and why. */
const LITERALS_ALLOWED: Record<string, string> = {
  'cloud/contract/routes.ts': 'the table itself',
  'cloud/contract/shop-routes.ts': "the table itself: the shop's part",
  'cloud/adapters/mailing/http-mailing.ts': "the mailing service's own API (`/v1/shipments`), not ours",
};

describe('API paths written once', () => {
  it('no file in cloud/ or renderer/ spells an API path; they use the route table', () => {
    expect([...apiPathLiterals('cloud'), ...apiPathLiterals('renderer')]).toEqual([]);
  });

  it('no file in main/ or preload/ spells an API path', () => {
    expect([...apiPathLiterals('main'), ...apiPathLiterals('preload')]).toEqual([]);
  });
});
