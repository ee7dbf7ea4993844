// A CDN edge in front of the local server, for bench:live: GET answers are kept for their cache-control's
// s-maxage/max-age (an `immutable` document for good), concurrent misses of one address go to the origin once (as
// CloudFront collapses them), and answers marked no-store or private are never kept. It counts origin requests.
// What it hands a poller is the least of a Response the poller reads (status, ok, json()), its body parsed once per
// origin answer: in the bench one process stands in for 10,000 browsers, and a full Response and a JSON parse per
// poll would measure this process's load rather than the path.
interface Kept {
  status: number;
  body: unknown;
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
    const response = { status: answer.status, ok: answer.status < 300, json: async () => answer.body };
    return response as unknown as Response; // the part of a Response the poller reads (see above)
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
      body: (await response.json()) as unknown,
      expiresAt: Date.now() + lifetimeMs(response.headers.get('cache-control')),
    };
    if (answer.expiresAt > Date.now()) this.kept.set(path, answer);
    return answer;
  }
}
