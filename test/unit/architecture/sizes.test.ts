// Small rooms: no source file of the product over 400 lines, and none in the renderer over 300 (a component past
// that is a room to split). Counted like `wc -l`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const linesOf = (file: string) => readFileSync(file, 'utf8').split('\n').length - 1;
const oversized = (folders: string[], limit: number) =>
  folders
    .flatMap((folder) => sourceFiles(join(ROOT, folder)))
    .map((file) => ({ file: relative(ROOT, file), lines: linesOf(file) }))
    .filter(({ lines }) => lines > limit);

describe('room sizes', () => {
  it('keeps every source file in cloud/, main/ and preload/ at 400 lines or fewer', () => {
    expect(oversized(['cloud', 'main', 'preload'], 400)).toEqual([]);
  });

  it('keeps every renderer file at 300 lines or fewer', () => {
    expect(oversized(['renderer'], 300)).toEqual([]);
  });
});
