// Source files under a folder, recursively, with the given endings (for tests that read the code itself).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function sourceFiles(dir: string, endings = ['.ts', '.tsx']): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path, endings));
    else if (endings.some((ending) => entry.name.endsWith(ending))) out.push(path);
  }
  return out;
}
