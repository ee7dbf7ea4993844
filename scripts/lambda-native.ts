// The native module a Lambda bundle ships, chosen by the functions' architecture and not by the machine that builds:
// resvg's platform package for linux (glibc, as Lambda's Amazon Linux is) on the target arch. The host's own arch uses
// the copy npm installed; any other comes from the npm registry at exactly the version and integrity package-lock.json
// records for it (npm ci skips it on this machine because of its `cpu` field), checked against that sha512 every time
// it is used and cached under node_modules/.cache/ so it is fetched once.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** A Lambda architecture, in Node's words (`process.arch`): Lambda's `arm64` and `x86_64`. */
export type LambdaArch = 'arm64' | 'x64';
export const LAMBDA_ARCHES: readonly LambdaArch[] = ['arm64', 'x64'];
/** What the functions run on (cloud/infra/functions.ts), and so what `npm run build:lambda` builds by default. */
export const DEPLOY_ARCH: LambdaArch = 'arm64';

export const RESVG_PACKAGE = '@resvg/resvg-js';
export const DEFAULT_NATIVE_CACHE = 'node_modules/.cache/ticketboss-lambda-native';

export function resvgPlatformPackage(arch: LambdaArch): string {
  return `${RESVG_PACKAGE}-linux-${arch}-gnu`;
}

export function isLambdaArch(value: string): value is LambdaArch {
  return (LAMBDA_ARCHES as readonly string[]).includes(value);
}

/** This machine's arch if a function built for it could run here (linux on arm64 or x64), else undefined. */
export function hostLambdaArch(): LambdaArch | undefined {
  return process.platform === 'linux' && isLambdaArch(process.arch) ? process.arch : undefined;
}

export class NativeModuleError extends Error {
  override name = 'NativeModuleError';
}

export interface NativeModuleOptions {
  /** package-lock.json whose version and integrity are trusted (default: the project's). */
  lockFile?: string;
  /** Where verified tarballs are kept (default: node_modules/.cache/ticketboss-lambda-native). */
  cacheDir?: string;
  /** Downloads `name@version` as an npm tarball into `dir` and returns its path (default: `npm pack`). */
  fetchTarball?: (name: string, version: string, dir: string) => string;
}

/** The version and integrity package-lock.json records for a package. */
export function lockedPackage(name: string, lockFile = 'package-lock.json'): { version: string; integrity: string } {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    packages?: Record<string, { version?: string; integrity?: string }>;
  };
  const entry = lock.packages?.[`node_modules/${name}`];
  if (!entry?.version || !entry.integrity) {
    throw new NativeModuleError(`${lockFile} records no version and integrity for ${name}; run npm install to lock it`);
  }
  return { version: entry.version, integrity: entry.integrity };
}

/** Throws unless the file's sha512 is one the integrity string (Subresource Integrity, as npm writes it) lists. */
export function verifyIntegrity(file: string, integrity: string): void {
  const expected = integrity
    .split(/\s+/)
    .filter((hash) => hash.startsWith('sha512-'))
    .map((hash) => hash.slice('sha512-'.length).split('?')[0]);
  if (expected.length === 0) {
    throw new NativeModuleError(`Integrity "${integrity}" has no sha512 hash to check ${file} against`);
  }
  const actual = createHash('sha512').update(readFileSync(file)).digest('base64');
  if (!expected.includes(actual)) {
    throw new NativeModuleError(
      `Integrity mismatch for ${file}: package-lock.json says sha512-${expected[0]}, the file is sha512-${actual}. ` +
        'Refusing to bundle it. If the lock is right, delete the file to fetch it again.',
    );
  }
}

function npmPack(name: string, version: string, dir: string): string {
  let output: string;
  try {
    output = execFileSync(
      'npm',
      ['pack', `${name}@${version}`, '--pack-destination', dir, '--json', '--ignore-scripts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' },
    );
  } catch (error) {
    throw new NativeModuleError(
      `Could not fetch ${name}@${version} from the npm registry, which a build for another arch than this ` +
        `machine's needs once: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const [packed] = JSON.parse(output) as { filename: string }[];
  if (!packed) throw new NativeModuleError(`npm pack ${name}@${version} wrote no tarball`);
  return join(dir, packed.filename);
}

/**
 * The verified tarball of `name` at its locked version: from the cache if there, else fetched, verified, then cached.
 * A tarball is only ever moved into the cache after it matched, so a cached one that no longer matches was changed:
 * refused, not silently fetched again.
 */
export function lockedTarball(name: string, options: NativeModuleOptions = {}): string {
  const { version, integrity } = lockedPackage(name, options.lockFile);
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_NATIVE_CACHE);
  const cached = join(cacheDir, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    const download = mkdtempSync(join(cacheDir, 'download-'));
    try {
      const fetched = (options.fetchTarball ?? npmPack)(name, version, download);
      verifyIntegrity(fetched, integrity);
      renameSync(fetched, cached);
    } finally {
      rmSync(download, { recursive: true, force: true });
    }
  }
  verifyIntegrity(cached, integrity);
  return cached;
}

function extractTarball(tarball: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  // npm tarballs hold one folder, `package/`.
  execFileSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1'], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Copies resvg (its JS loader and the platform package for `arch`) into `modulesDir` (a bundle's node_modules).
 * Returns the platform package's folder there.
 */
export function copyResvg(arch: LambdaArch, modulesDir: string, options: NativeModuleOptions = {}): string {
  const require = createRequire(import.meta.url);
  const installed = (name: string) => dirname(require.resolve(`${name}/package.json`));
  const installedOrUndefined = (name: string) => {
    try {
      return installed(name);
    } catch {
      return undefined; // not installed for this host (a musl libc, say): fetched like any other arch
    }
  };
  cpSync(installed(RESVG_PACKAGE), join(modulesDir, RESVG_PACKAGE), { recursive: true });
  const platformPackage = resvgPlatformPackage(arch);
  const dest = join(modulesDir, platformPackage);
  rmSync(dest, { recursive: true, force: true });
  const installedHere = arch === hostLambdaArch() ? installedOrUndefined(platformPackage) : undefined;
  if (installedHere) {
    cpSync(installedHere, dest, { recursive: true });
  } else {
    extractTarball(lockedTarball(platformPackage, options), dest);
  }
  return dest;
}

/** Every `.node` file under a folder (a bundle's native modules). */
export function nativeModulesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.node'))
    .map((file) => join(dir, file));
}
