// A CDN edge in front of the local server, for bench:live: GET answers are kept for their cache-control's
// s-maxage/max-age (an `immutable` document for good), concurrent misses of one address go to the origin once (as
// CloudFront collapses them), and answers marked no-store or private are never kept. It counts origin requests.
interface Kept {
  status: number;
  body: string;
  contentType: string;
  expiresAt: number;
}

const lifetimeMs = (cacheControl: string | null): number => {
  if (!cacheControl || /no-store|private|no-cache/.test(cacheControl)) return 0;
  const shared = /s-maxage=(\d+)/.exec(cacheControl) ?? /max-age=(\d+)/.exec(cacheControl);
  return shared ? Number(shared[1]) * 1000 : 0;
};

export class CachingEdge {
  originRequests = 0;
  edgeRequests = 0;
  private readonly kept = new Map<string, Kept>();
  private readonly inFlight = new Map<string, Promise<Kept>>();

  constructor(private readonly origin: string) {}

  /** The edge as a fetch for pollers: `path` is the API path (the poller's baseUrl is ''). */
  readonly fetch = async (input: string | URL | Request): Promise<Response> => {
    this.edgeRequests++;
    const path = String(input);
    const now = Date.now();
    const hit = this.kept.get(path);
    const answer = hit && hit.expiresAt > now ? hit : await this.miss(path);
    return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  };

  private miss(path: string): Promise<Kept> {
    let pending = this.inFlight.get(path);
    if (!pending) {
      pending = this.fromOrigin(path).finally(() => this.inFlight.delete(path));
      this.inFlight.set(path, pending);
    }
    return pending;
  }

  private async fromOrigin(path: string): Promise<Kept> {
    this.originRequests++;
    const response = await fetch(this.origin + path);
    const answer = {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type') ?? 'application/json',
      expiresAt: Date.now() + lifetimeMs(response.headers.get('cache-control')),
    };
    if (answer.expiresAt > Date.now()) this.kept.set(path, answer);
    return answer;
  }
}
