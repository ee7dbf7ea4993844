// The CDN in front of the API for bench:onsale: GET answers kept for their own cache-control (s-maxage before
// max-age, as CloudFront does; nothing kept on no-store, no-cache or private, or without a max age), concurrent misses
// of one address collapsed into one origin request (CloudFront's request collapsing), and every other method passed
// straight through. It counts what the buyers asked and what reached the origin, so the bench measures what the
// origin sees when a crowd polls.

export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export type Origin = (method: 'GET', path: string) => Promise<EdgeAnswer>;

interface Kept {
  answer: EdgeAnswer;
  freshUntil: number;
}

/** Seconds a shared cache may keep an answer by its cache-control, or 0 when it must not keep it. */
export function sharedMaxAge(cacheControl: string | undefined): number {
  if (!cacheControl) return 0;
  const directives = new Map(
    cacheControl.split(',').map((part) => {
      const [name, value] = part.trim().toLowerCase().split('=');
      return [name!, value] as const;
    }),
  );
  if (directives.has('no-store') || directives.has('no-cache') || directives.has('private')) return 0;
  const seconds = Number(directives.get('s-maxage') ?? directives.get('max-age') ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

/** Statuses a CDN keeps by their headers (CloudFront's cacheable set, the ones this API answers). */
const CACHEABLE = new Set([200, 203, 204, 300, 301, 404, 405, 410, 414, 501]);

export class EdgeCache {
  private readonly kept = new Map<string, Kept>();
  private readonly inFlight = new Map<string, Promise<EdgeAnswer>>();
  /** Per route label: requests the buyers made, and those that reached the origin. */
  readonly counts = new Map<string, { served: number; origin: number }>();

  constructor(
    private readonly origin: Origin,
    private readonly label: (path: string) => string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private count(path: string, origin: boolean): void {
    const label = this.label(path);
    const entry = this.counts.get(label) ?? { served: 0, origin: 0 };
    entry.served++;
    if (origin) entry.origin++;
    this.counts.set(label, entry);
  }

  async get(path: string): Promise<EdgeAnswer> {
    const hit = this.kept.get(path);
    if (hit && hit.freshUntil > this.now()) {
      this.count(path, false);
      return hit.answer;
    }
    const pending = this.inFlight.get(path);
    if (pending) {
      this.count(path, false);
      return pending;
    }
    this.count(path, true);
    const request = this.origin('GET', path)
      .then((answer) => {
        const seconds = CACHEABLE.has(answer.status) ? sharedMaxAge(answer.headers['cache-control']) : 0;
        if (seconds > 0) this.kept.set(path, { answer, freshUntil: this.now() + seconds * 1000 });
        else this.kept.delete(path);
        return answer;
      })
      .finally(() => this.inFlight.delete(path));
    this.inFlight.set(path, request);
    return request;
  }

  /** Requests and origin requests of one route label since the last reset. */
  countOf(label: string): { served: number; origin: number } {
    return this.counts.get(label) ?? { served: 0, origin: 0 };
  }

  reset(): void {
    this.kept.clear();
    this.counts.clear();
  }
}
