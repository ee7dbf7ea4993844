// The functions run on arm64 (Graviton) whatever machine builds them: the bundle's native module (resvg, which draws
// ticket images) is the linux-arm64 one, fetched from the npm registry at the version and sha512 package-lock.json
// records when the builder is not arm64, cached once fetched, and refused if its bytes do not match the lock. The first
// run on a machine downloads the package (about 2 MB) from the registry; later runs use the cache.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambdas } from '../../scripts/build-lambda.ts';
import {
  copyResvg,
  hostLambdaArch,
  lockedPackage,
  lockedTarball,
  nativeModulesIn,
  resvgPlatformPackage,
  type NativeModuleOptions,
} from '../../scripts/lambda-native.ts';

const ELF_MACHINE = { aarch64: 183, x86_64: 62 };
const arm64Package = resvgPlatformPackage('arm64');

/** e_machine of an ELF file (the architecture it runs on), after checking it is a 64-bit little-endian ELF. */
function elfMachine(file: string): number {
  const header = readFileSync(file).subarray(0, 20);
  expect([...header.subarray(0, 4)], `${file} is an ELF file`).toEqual([0x7f, 0x45, 0x4c, 0x46]);
  expect(header[4], 'ELFCLASS64').toBe(2);
  expect(header[5], 'little-endian').toBe(1);
  return header.readUInt16LE(18);
}

function thrownBy(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected it to throw');
}

const work = mkdtempSync(join(tmpdir(), 'ticketboss-lambda-arch-'));
const scratch = (name: string) => mkdtempSync(join(work, `${name}-`));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the deployed bundle, built for arm64', () => {
  let out: string;
  beforeAll(async () => {
    out = await buildLambdas(join(work, 'arm64'), { arch: 'arm64' });
  });

  it('ships resvg for linux aarch64 and no x86-64 native module', () => {
    const natives = nativeModulesIn(out);
    expect(natives.map((file) => relative(out, file))).toEqual([
      join('node_modules', arm64Package, 'resvgjs.linux-arm64-gnu.node'),
    ]);
    expect(natives.map(elfMachine)).toEqual([ELF_MACHINE.aarch64]);
    expect(existsSync(join(out, 'node_modules', resvgPlatformPackage('x64')))).toBe(false);
  });

  it('ships the version package-lock.json records, beside the loader that requires it on linux arm64', () => {
    const shipped = JSON.parse(readFileSync(join(out, 'node_modules', arm64Package, 'package.json'), 'utf8'));
    expect(shipped).toMatchObject({ name: arm64Package, version: lockedPackage(arm64Package).version, cpu: ['arm64'] });
    const loader = readFileSync(join(out, 'node_modules/@resvg/resvg-js/js-binding.js'), 'utf8');
    expect(loader).toContain(`require("${arm64Package}")`);
  });
});

describe.runIf(hostLambdaArch() === 'x64')('a bundle built for this x64 machine (the tests that run bundles)', () => {
  it('ships the x86-64 module npm installed here', () => {
    const modules = scratch('x64');
    copyResvg('x64', modules);
    expect(nativeModulesIn(modules).map(elfMachine)).toEqual([ELF_MACHINE.x86_64]);
  });
});

describe("a platform package that is not this machine's", () => {
  // A stand-in for `npm pack` that hands over the tarball the build above fetched (no second download), counting calls.
  let fetches = 0;
  const genuineTarball = () => lockedTarball(arm64Package);
  const fetchTarball: NativeModuleOptions['fetchTarball'] = (_name, _version, dir) => {
    fetches++;
    const copy = join(dir, 'fetched.tgz');
    copyFileSync(genuineTarball(), copy);
    return copy;
  };

  it('is fetched once, then served from the cache', () => {
    const cacheDir = scratch('cache');
    fetches = 0;
    copyResvg('arm64', scratch('modules'), { cacheDir, fetchTarball });
    const second = scratch('modules');
    copyResvg('arm64', second, { cacheDir, fetchTarball });
    expect(fetches).toBe(1);
    expect(nativeModulesIn(second).map(elfMachine)).toEqual([ELF_MACHINE.aarch64]);
  });

  it('is refused when the cached tarball was changed', () => {
    const cacheDir = scratch('cache');
    fetches = 0;
    const cached = lockedTarball(arm64Package, { cacheDir, fetchTarball });
    const bytes = readFileSync(cached);
    bytes.writeUInt8(bytes.readUInt8(1000) ^ 0xff, 1000);
    writeFileSync(cached, bytes);
    const modules = scratch('modules');
    const message = thrownBy(() => copyResvg('arm64', modules, { cacheDir, fetchTarball }));
    expect(message).toContain(`Integrity mismatch for ${cached}:`);
    expect(message).toContain('Refusing to bundle it');
    expect(nativeModulesIn(modules)).toEqual([]);
    expect(fetches, 'a changed cache is refused, not quietly fetched again').toBe(1);
  });

  it('is refused, and not cached, when it does not match the integrity package-lock.json records', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    const wrong = `sha512-${createHash('sha512').update('not the package').digest('base64')}`;
    lock.packages[`node_modules/${arm64Package}`].integrity = wrong;
    const lockFile = join(scratch('lock'), 'package-lock.json');
    writeFileSync(lockFile, JSON.stringify(lock));
    const cacheDir = scratch('cache');
    const modules = scratch('modules');
    const message = thrownBy(() => copyResvg('arm64', modules, { cacheDir, lockFile, fetchTarball }));
    expect(message).toContain(`package-lock.json says ${wrong}`);
    expect(message).toContain('Refusing to bundle it');
    expect(nativeModulesIn(modules)).toEqual([]);
    expect(readdirSync(cacheDir), 'nothing kept in the cache').toEqual([]);
  });

  it('is refused when package-lock.json does not record it', () => {
    const lockFile = join(scratch('lock'), 'package-lock.json');
    writeFileSync(lockFile, JSON.stringify({ packages: {} }));
    expect(() => copyResvg('arm64', scratch('modules'), { cacheDir: scratch('cache'), lockFile })).toThrow(
      `${lockFile} records no version and integrity for ${arm64Package}`,
    );
  });
});
