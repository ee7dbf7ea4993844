// Catalog reads for the device: ask the cloud (revalidating with the cached ETag), keep what it answers, and when the
// cloud cannot be reached answer from the cache, saying how old it is. Connectivity follows what happened.
import type { HttpCache } from '../cache/http-cache.ts';
import type { Connectivity } from './connectivity.ts';

export type ConnectionState = 'online' | 'offline';

export interface CatalogAnswer<T> {
  value: T;
  /** Served from the cache because the cloud could not be reached. */
  offline: boolean;
  fetchedAt: string;
}

export class CatalogFetcher {
  state: ConnectionState = 'online';
  private readonly listeners = new Set<(state: ConnectionState) => void>();

  constructor(
    private readonly baseUrl: string,
    /** The device's copies of the cloud's answers (the venue logos keep theirs in it too). */
    readonly cache: HttpCache,
    private readonly options: { timeoutMs?: number; clock?: () => Date; connectivity?: Connectivity } = {},
  ) {}

  onState(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: ConnectionState): void {
    this.options.connectivity?.report(state === 'online');
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  async get<T>(path: string): Promise<CatalogAnswer<T>> {
    const answer = await this.getText(path);
    return { ...answer, value: JSON.parse(answer.value) as T };
  }

  /**
   * The answer's JSON as text, unparsed: what the bridge hands the renderer for big answers (a stadium's seat map is
   * megabytes), since a string crosses IPC as one copy where an object graph is cloned piece by piece.
   */
  async getText(path: string): Promise<CatalogAnswer<string>> {
    const cached = this.cache.get(path);
    const now = (this.options.clock?.() ?? new Date()).toISOString();
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        headers: { accept: 'application/json', ...(cached?.etag ? { 'if-none-match': cached.etag } : {}) },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      this.setState('offline');
      if (cached) return { value: cached.body, offline: true, fetchedAt: cached.fetchedAt };
      throw new Error(`The cloud cannot be reached and ${path} is not in the cache`, { cause: error });
    }
    this.setState('online');
    if (response.status === 304 && cached) {
      this.cache.touch(path, now);
      return { value: cached.body, offline: false, fetchedAt: now };
    }
    const body = await response.text();
    if (!response.ok) {
      const problem = JSON.parse(body) as { detail?: string };
      throw new Error(problem.detail ?? `The cloud answered ${response.status}`);
    }
    this.cache.put(path, { body, etag: response.headers.get('etag'), fetchedAt: now });
    return { value: body, offline: false, fetchedAt: now };
  }
}
