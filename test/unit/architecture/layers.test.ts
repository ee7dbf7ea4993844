// The allow-map of eslint/layers.js, proved by probes: for every pair of layers, a file of the one importing a file of
// the other is refused by lint exactly when the map does not allow it; packages outside a layer's list are refused;
// dynamic import(), require() and import types are checked like static imports.
import { dirname, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint/layers.js';

const eslint = new ESLint();

/** The lint messages of the layer rule for `code` as if it were the file `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message);
}

type Layer = (typeof LAYERS)[number];
const probeFileOf = (layer: Layer) => {
  const first = layer.files[0]!;
  return first.endsWith('/') ? `${first}architecture-probe.ts` : first;
};
const specifier = (from: string, to: string) => {
  const path = relative(dirname(from), to);
  return path.startsWith('.') ? path : `./${path}`;
};
const importOf = (spec: string) => `import * as probe from '${spec}';\nexport const x = probe;\n`;

describe('the layers as one allow-map', () => {
  it('prints what each layer may import', () => {
    const lines = LAYERS.map(
      (layer) =>
        `${layer.name.padEnd(16)} → ${[...layer.allow].join(', ') || '(nothing of ours)'}; packages: ${
          layer.packages === '*' ? 'any' : layer.packages.join(', ') || 'none'
        }`,
    );
    console.log(`Layers and what they may import:\n${lines.join('\n')}`);
    expect(new Set(LAYERS.map((l) => l.name)).size).toBe(LAYERS.length);
    for (const layer of LAYERS) {
      for (const allowed of layer.allow) expect(LAYERS.map((l) => l.name)).toContain(allowed);
    }
  });

  const pairs = LAYERS.flatMap((from) => LAYERS.filter((to) => to !== from).map((to) => [from, to] as const));
  const forbidden = pairs.filter(([from, to]) => !from.allow.includes(to.name));
  const allowed = pairs.filter(([from, to]) => from.allow.includes(to.name));

  it.each(forbidden.map(([from, to]) => [from.name, to.name, from, to]))(
    'refuses %s importing %s',
    async (_f, _t, from, to) => {
      const file = probeFileOf(from);
      const messages = await refusals(file, importOf(specifier(file, to.sample)));
      expect(messages).toHaveLength(1);
      // The message says what the importing layer may use instead.
      expect(messages[0]).toContain(`${from.name} may import`);
    },
  );

  it.each(allowed.map(([from, to]) => [from.name, to.name, from, to]))(
    'lets %s import %s',
    async (_f, _t, from, to) => {
      const file = probeFileOf(from);
      expect(await refusals(file, importOf(specifier(file, to.sample)))).toEqual([]);
    },
  );

  it('checks dynamic import(), require(), re-exports and import types like static imports', async () => {
    const file = 'cloud/domain/architecture-probe.ts';
    const db = specifier(file, 'cloud/db/port.ts');
    expect(await refusals(file, `export const load = () => import('${db}');\n`)).toHaveLength(1);
    expect(await refusals(file, `export const load = () => import(\`${db}\`);\n`)).toHaveLength(1);
    expect(await refusals(file, `export * from '${db}';\n`)).toHaveLength(1);
    expect(await refusals(file, `export { isContentionError } from '${db}';\n`)).toHaveLength(1);
    expect(await refusals(file, `export type Db = import('${db}').Db;\n`)).toHaveLength(1);
    expect(
      await refusals(file, `declare const require: (id: string) => unknown;\nexport const pg = require('pg');\n`),
    ).toHaveLength(1);
    // A specifier computed at run time cannot be checked, so it is refused.
    expect(await refusals(file, `export const load = (name: string) => import(name);\n`)).toHaveLength(1);
    expect(await refusals(file, `export const load = () => import('node:crypto');\n`)).toEqual([]);
  });

  it('keeps the package allow-lists of contract, domain, preload and the renderer', async () => {
    const pkg = (name: string) => `import * as p from '${name}';\nexport const x = p;\n`;
    expect(await refusals('cloud/contract/x.ts', pkg('zod'))).toEqual([]);
    expect(await refusals('cloud/contract/x.ts', pkg('hono'))).toHaveLength(1);
    for (const io of ['pg', 'node:fs', 'fs', 'node:net', '@aws-sdk/client-sqs', 'ws', 'better-sqlite3']) {
      expect(await refusals('cloud/domain/x.ts', pkg(io))).toHaveLength(1);
    }
    expect(await refusals('cloud/domain/x.ts', pkg('pdf-lib'))).toEqual([]);
    expect(await refusals('renderer/x.tsx', pkg('react'))).toEqual([]);
    expect(await refusals('renderer/x.tsx', pkg('react-dom/client'))).toEqual([]);
    for (const other of ['electron', 'node:fs', 'better-sqlite3', 'hono', 'pg']) {
      expect(await refusals('renderer/x.tsx', pkg(other))).toHaveLength(1);
    }
    expect(await refusals('preload/bridge.ts', pkg('electron'))).toHaveLength(1);
    expect(await refusals('preload/index.ts', pkg('electron'))).toEqual([]);
    expect(await refusals('main/security.ts', pkg('electron'))).toHaveLength(1);
    expect(await refusals('main/app.ts', pkg('electron'))).toEqual([]);
  });

  it('lets renderer and main meet only through preload/bridge.ts', async () => {
    expect(await refusals('renderer/client/x.ts', importOf('../../preload/bridge.ts'))).toEqual([]);
    expect(await refusals('renderer/client/x.ts', importOf('../../preload/index.ts'))).toHaveLength(1);
    expect(await refusals('renderer/client/x.ts', importOf('../../main/security.ts'))).toHaveLength(1);
    expect(await refusals('main/sync/x.ts', importOf('../../renderer/main.tsx'))).toHaveLength(1);
    expect(await refusals('main/sync/x.ts', importOf('../../preload/bridge.ts'))).toEqual([]);
    expect(await refusals('preload/bridge.ts', importOf('../main/security.ts'))).toHaveLength(1);
    expect(await refusals('preload/bridge.ts', importOf('../cloud/domain/errors.ts'))).toHaveLength(1);
    expect(await refusals('preload/bridge.ts', importOf('../cloud/contract/index.ts'))).toEqual([]);
  });

  it('refuses what lies outside every layer (build scripts, tests) from inside one', async () => {
    expect(await refusals('cloud/infra/app.ts', importOf('../../scripts/build-lambda.ts'))).toHaveLength(1);
    expect(await refusals('cloud/services/x.ts', importOf('../../test/support/api.ts'))).toHaveLength(1);
  });
});
