// The export store of one machine: each file under the data dir (var/exports, or a temp dir), written as it streams
// in and served by the API behind a link it signs (presignedUrl is null: services/reports/export-links.ts signs).
// Files older than a day are deleted by housekeeping's sweep.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportStore } from '../../services/ports.ts';

export class LocalFileExportStore implements ExportStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async write(key: string, body: Readable): Promise<{ bytes: number }> {
    const file = this.fileOf(key);
    await mkdir(dirname(file), { recursive: true });
    // Written beside, then renamed: a half-written file is never served.
    const partial = `${file}.partial`;
    try {
      await pipeline(body, createWriteStream(partial));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { bytes: (await stat(file)).size };
  }

  async presignedUrl(): Promise<null> {
    return null;
  }

  async read(key: string): Promise<Readable | null> {
    const file = this.fileOf(key);
    try {
      await stat(file);
    } catch {
      return null;
    }
    return createReadStream(file);
  }

  async deleteOlderThan(before: Date): Promise<number> {
    let deleted = 0;
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if ((await stat(path)).mtime < before) {
          await rm(path, { force: true });
          deleted++;
        }
      }
    };
    await walk(this.root);
    return deleted;
  }

  /** The key's file, never outside the store's folder. */
  private fileOf(key: string): string {
    const file = resolve(this.root, key);
    if (!file.startsWith(this.root + sep)) throw new Error(`Not a key of this store: ${key}`);
    return file;
  }
}
