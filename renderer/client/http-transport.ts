// How the shop's HTTP client talks to the API: JSON in and out, problem+json turned into ApiError, the bearer, and the
// two answers it meets on the way that are not the API's own. A busy API (429, 503) or a lost connection: a call that
// may be repeated (a read, or a write with an Idempotency-Key) is tried again (busy-retry.ts, loaded then). AWS WAF's
// challenge (202 with `x-amzn-waf-action: challenge`, or its HTML; cloud/infra/edge-security.ts on the on-sale's
// POSTs): the request never reached the API, so any call, a hold too, is sent once more after the browser passed the
// challenge (waf-challenge.ts, loaded then).
import type { ApiRoute } from '../../cloud/contract/shop-routes.ts';
import { ApiError, WAF_CHALLENGE } from './ticketing-client.ts';
import { retriesWhenBusy, retryAfterSecondsOf, type CallOptions } from './retry-after.ts';

/** AWS WAF's answer to a request without a valid token: 202 and this header (readable on the shop's own origin), or
 * its interstitial HTML page (the API's own 202s are JSON). */
const isWafChallenge = (response: Response) =>
  response.status === 202 &&
  (response.headers.get('x-amzn-waf-action') === 'challenge' ||
    /html/.test(response.headers.get('content-type') ?? ''));

export class HttpTransport {
  accessToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  /** Calls `route` at `path`; a repeatable call waits out a busy API, and any call is sent again past a challenge. */
  async call<T>(route: ApiRoute, path: string, options: CallOptions = {}): Promise<T> {
    try {
      return await this.callOnce<T>(route, path, options);
    } catch (failure) {
      if (failure instanceof ApiError && failure.type === WAF_CHALLENGE) {
        // Once: a call sent through the integration's fetch that is challenged again goes to the screen (as does
        // this one if the module cannot be loaded: its words are the catalog's errors.waf_challenge).
        const { passChallenge } = await import('./waf-challenge.ts').catch(() => {
          throw failure;
        });
        return this.call(route, path, { ...options, fetch: await passChallenge(options.fetch !== undefined) });
      }
      if (!retriesWhenBusy(route.method, options, failure)) throw failure;
      // Loaded with the first busy answer: a lost connection may lose the module too, and then the failure stands.
      const { retryBusy } = await import('./busy-retry.ts').catch(() => ({ retryBusy: null }));
      if (!retryBusy) throw failure;
      return retryBusy(() => this.callOnce<T>(route, path, options), failure);
    }
  }

  /** A file the API answers (a PDF, a pass): the blob, or its refusal as an ApiError like any call's. */
  async download(route: ApiRoute, path: string, accept: string, headers: Record<string, string>): Promise<Blob> {
    const sent: Record<string, string> = { accept: `${accept}, application/problem+json`, ...headers };
    if (this.accessToken) sent.authorization = `Bearer ${this.accessToken}`;
    const response = await fetch(this.baseUrl + path, { method: route.method, headers: sent }).catch(() => null);
    if (response?.ok) return response.blob();
    const problem = ((await response?.json().catch(() => null)) ?? {}) as { type?: string; detail?: string };
    throw new ApiError(response?.status ?? 0, problem.type ?? 'network', problem.detail ?? '');
  }

  private async callOnce<T>(route: ApiRoute, path: string, options: CallOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(this.baseUrl + path, {
        method: route.method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'We could not reach TicketBoss. Check your connection and try again.');
    }
    if (isWafChallenge(response)) throw new ApiError(202, WAF_CHALLENGE, ''); // the words: waf-challenge.ts
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: handled below
    }
    if (!response.ok) {
      const problem = (json ?? {}) as { type?: string; detail?: string };
      throw new ApiError(
        response.status,
        problem.type ?? `http_${response.status}`,
        problem.detail ?? `Something went wrong (${response.status}). Please try again.`,
        { ...((json ?? {}) as ApiError['body']), ...retryAfterSecondsOf(response) },
      );
    }
    return json as T;
  }
}
