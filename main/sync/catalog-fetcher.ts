// Catalog reads for the device: ask the cloud (revalidating with the cached ETag), keep what it answers, and when the
// cloud cannot be reached answer from the cache, saying how old it is. Connectivity follows what happened. A busy
// cloud (429, 503) is asked again after the shared back-off (never sooner than its Retry-After), a few times; if it
// stays busy, the cached copy is the answer, as when it cannot be reached.
import { setTimeout as sleep } from 'node:timers/promises';
import { isBackOffStatus, retryAfterMs, withBackOff } from '../../cloud/domain/retry/back-off.ts';
import type { HttpCache } from '../cache/http-cache.ts';
import { DEVICE_RETRY, parseOrNull } from './cloud-client.ts';
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
    private readonly options: {
      timeoutMs?: number;
      clock?: () => Date;
      connectivity?: Connectivity;
      /** Waits out a busy cloud (tests pass their own). */
      sleep?: (ms: number) => Promise<void>;
    } = {},
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
      response = await withBackOff(
        async () => {
          const answer = await fetch(this.baseUrl + path, {
            headers: { accept: 'application/json', ...(cached?.etag ? { 'if-none-match': cached.etag } : {}) },
            signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
          });
          if (isBackOffStatus(answer.status)) throw new BusyCloud(answer);
          return answer;
        },
        (error) => (error instanceof BusyCloud ? error.retryAfterMs : undefined),
        { ...DEVICE_RETRY, sleep: this.options.sleep ?? sleep },
      ).catch((error: unknown) => {
        // Still busy after the tries: its answer is handled like any refusal below (or the cache answers).
        if (error instanceof BusyCloud) return error.response;
        throw error;
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
    if (isBackOffStatus(response.status) && cached) {
      return { value: cached.body, offline: true, fetchedAt: cached.fetchedAt };
    }
    const body = await response.text();
    if (!response.ok) {
      // A refusal need not be JSON (a proxy's or the WAF's busy page): then its status is the message.
      const problem = (parseOrNull(body) ?? {}) as { detail?: string };
      throw new Error(problem.detail ?? `The cloud answered ${response.status}`);
    }
    this.cache.put(path, { body, etag: response.headers.get('etag'), fetchedAt: now });
    return { value: body, offline: false, fetchedAt: now };
  }
}

/** A 429 or 503 in flight through the back-off: the answer, and its Retry-After in ms (null: none). */
class BusyCloud extends Error {
  readonly retryAfterMs: number | null;
  constructor(readonly response: Response) {
    super(`The cloud answered ${response.status}`);
    this.retryAfterMs = retryAfterMs(response.headers.get('retry-after'), new Date());
  }
}
