// bench:onsale's own instruments: the CDN stand-in keeps what the origin allows and nothing else, and the fairness
// measures call out exactly the orders a fair line must not produce (a bench that mismeasures would quote figures the
// origin never earned).
import { describe, expect, it } from 'vitest';
import { EdgeCache, sharedMaxAge, type EdgeAnswer } from '../../bench/onsale/edge-cache.ts';
import { admissionsOutOfOrder, placesOutOfArrivalOrder, shuffleQuality } from '../../bench/onsale/fairness.ts';

describe('the CDN stand-in', () => {
  it('keeps an answer for s-maxage before max-age, and never for no-store, no-cache or private', () => {
    expect(sharedMaxAge('public, max-age=1, s-maxage=2')).toBe(2);
    expect(sharedMaxAge('public, max-age=2')).toBe(2);
    expect(sharedMaxAge('public, max-age=31536000, immutable')).toBe(31536000);
    expect(sharedMaxAge('no-store')).toBe(0);
    expect(sharedMaxAge('private, max-age=60')).toBe(0);
    expect(sharedMaxAge('no-cache, max-age=60')).toBe(0);
    expect(sharedMaxAge(undefined)).toBe(0);
  });

  it('answers from its copy while fresh, collapses concurrent misses, and asks the origin again when stale', async () => {
    let clock = 0;
    let originCalls = 0;
    let release: () => void = () => {};
    const origin = async (): Promise<EdgeAnswer> => {
      originCalls++;
      await new Promise<void>((resolve) => (release = resolve));
      return { status: 200, headers: { 'cache-control': 'public, max-age=1, s-maxage=2' }, text: `v${originCalls}` };
    };
    const edge = new EdgeCache(
      origin,
      () => 'state',
      () => clock,
    );
    const first = Promise.all([edge.get('/state'), edge.get('/state'), edge.get('/state')]);
    release();
    expect((await first).map((a) => a.text)).toEqual(['v1', 'v1', 'v1']);
    clock = 1999;
    expect((await edge.get('/state')).text).toBe('v1');
    clock = 2001;
    const stale = edge.get('/state');
    release();
    expect((await stale).text).toBe('v2');
    expect(edge.countOf('state')).toEqual({ served: 5, origin: 2 });
  });

  it('does not keep an answer the origin marks uncacheable', async () => {
    let originCalls = 0;
    const edge = new EdgeCache(
      async () => ({ status: 200, headers: { 'cache-control': 'no-store' }, text: String(++originCalls) }),
      () => 'holds',
    );
    await edge.get('/a');
    await edge.get('/a');
    expect(originCalls).toBe(2);
  });
});

describe('the fairness measures', () => {
  it('calls an admission out of order only when a smaller place was refused after it had been given', () => {
    const fair = [
      { sentAt: 0, answeredAt: 1, place: 1, admitted: true },
      { sentAt: 2, answeredAt: 3, place: 3, admitted: false },
      { sentAt: 4, answeredAt: 5, place: 2, admitted: true },
    ];
    expect(admissionsOutOfOrder(fair)).toEqual({ outOfOrder: 0, of: 2 });
    const unfair = [
      { sentAt: 0, answeredAt: 1, place: 5, admitted: true },
      { sentAt: 2, answeredAt: 3, place: 4, admitted: false },
      // in flight together with the grant: the server may order them either way
      { sentAt: 0.5, answeredAt: 3, place: 3, admitted: false },
    ];
    expect(admissionsOutOfOrder(unfair)).toEqual({ outOfOrder: 1, of: 1 });
  });

  it('calls a place out of arrival order only for a join that came after an answered, later-placed one', () => {
    expect(
      placesOutOfArrivalOrder([
        { sentAt: 0, answeredAt: 1, place: 1 },
        { sentAt: 2, answeredAt: 3, place: 2 },
        { sentAt: 2.5, answeredAt: 3.5, place: 4 },
        { sentAt: 2.6, answeredAt: 3.6, place: 3 }, // concurrent with place 4: not out of order
      ]),
    ).toEqual({ outOfOrder: 0, of: 4 });
    expect(
      placesOutOfArrivalOrder([
        { sentAt: 0, answeredAt: 1, place: 2 },
        { sentAt: 2, answeredAt: 3, place: 1 },
      ]),
    ).toEqual({ outOfOrder: 1, of: 2 });
  });

  it('tells a race to refresh from a shuffle', () => {
    const arrivals = Array.from({ length: 1000 }, (_, i) => ({ sentAt: i, answeredAt: i + 0.5 }));
    const raced = shuffleQuality(arrivals.map((a, i) => ({ ...a, place: i + 1 })));
    expect(raced.rho).toBeCloseTo(1, 5);
    expect(raced.firstTenthKept).toBe(1);
    const places = arrivals.map((_, i) => i + 1);
    for (let i = places.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [places[i], places[j]] = [places[j]!, places[i]!];
    }
    const shuffled = shuffleQuality(arrivals.map((a, i) => ({ ...a, place: places[i]! })));
    expect(Math.abs(shuffled.rho)).toBeLessThan(0.15);
    expect(shuffled.firstTenthKept).toBeLessThan(0.3);
  });
});
