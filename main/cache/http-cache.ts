// Catalog answers kept on the device, by request path: the body, its ETag and when it was fetched.
import type { CacheDb } from './database.ts';

export interface CachedAnswer {
  body: string;
  etag: string | null;
  fetchedAt: string;
}

export class HttpCache {
  constructor(private readonly db: CacheDb) {}

  get(path: string): CachedAnswer | null {
    const row = this.db.prepare('SELECT body, etag, fetched_at FROM http_cache WHERE path = ?').get(path) as
      { body: string; etag: string | null; fetched_at: string } | undefined;
    return row ? { body: row.body, etag: row.etag, fetchedAt: row.fetched_at } : null;
  }

  put(path: string, answer: CachedAnswer): void {
    this.db
      .prepare(
        `INSERT INTO http_cache (path, body, etag, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET body = excluded.body, etag = excluded.etag, fetched_at = excluded.fetched_at`,
      )
      .run(path, answer.body, answer.etag, answer.fetchedAt);
  }

  /** The copy is still current (the cloud answered 304): only its time moves on. */
  touch(path: string, fetchedAt: string): void {
    this.db.prepare('UPDATE http_cache SET fetched_at = ? WHERE path = ?').run(fetchedAt, path);
  }
}
