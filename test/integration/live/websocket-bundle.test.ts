// The WebSocket function is off the selling database: what esbuild bundles from its entry (as build-lambda.ts bundles
// it, every dynamic import included) reaches neither the Postgres pool (cloud/db/postgres.ts) nor the pg driver, nor
// the runtime that builds them; a subscribe costs DynamoDB reads, never a connection. The API's entry is bundled the
// same way to show the check sees the pool where it is.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The source files and packages the entry's bundle is made of, paths as esbuild names them. */
async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`cloud/lambda/${entry}.ts`],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['@resvg/resvg-js', 'pg-native'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const database = (inputs: string[]) =>
  inputs.filter(
    (path) =>
      path === 'cloud/db/postgres.ts' ||
      path === 'cloud/lambda/runtime.ts' ||
      /(^|\/)node_modules\/(pg|pg-pool|pg-protocol)\//.test(path),
  );

describe('the WebSocket function’s bundle', () => {
  it('reaches no Postgres pool, no pg driver and no runtime', async () => {
    const inputs = await inputsOf('websocket');
    expect(inputs).toContain('cloud/adapters/live/watchable-dynamodb.ts');
    expect(database(inputs)).toEqual([]);
  }, 60_000);

  it('is checked by what finds the pool in the API’s bundle', async () => {
    const found = database(await inputsOf('api'));
    expect(found).toEqual(expect.arrayContaining(['cloud/db/postgres.ts', 'cloud/lambda/runtime.ts']));
    expect(found.some((path) => path.includes('node_modules/pg/'))).toBe(true);
  }, 60_000);
});
