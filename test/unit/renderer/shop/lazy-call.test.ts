// The calls of the shop's lazily loaded modules (the waiting room's, the transfers') meet a busy API and AWS WAF's
// challenge as the first load's client does: a read answered 429 or 503 is repeated by itself after its Retry-After;
// a longer Retry-After (WAF's rate rules send 60 s) goes to the caller in the error, for the waiting room to wait out;
// a POST without an Idempotency-Key (the queue's join) is never repeated blindly; a join held back by WAF's challenge,
// by its header or by its HTML page alone, is sent once more through AWS's integration and gives the ticket; an
// Idempotency-Key is kept until the API itself answered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsWafIntegration } from '../../../../renderer/client/waf-challenge.ts';
import { WAF_CHALLENGE } from '../../../../renderer/client/ticketing-client.ts';

const EVENT = '00000000-0000-4000-8000-000000000001';
const TICKET = { eventId: EVENT, ticket: 't.signed', place: 7, joinedAt: '2026-12-07T12:00:00.000Z' };
const JOIN = { session: 'abcdefghijklmnop0123', challenge: 'c.signed', nonce: '42' };

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const busy = (status: number, retryAfter: string) =>
  new Response(JSON.stringify({ type: 'https://ticketboss.dev/problems/rate_limited', status, detail: 'Busy.' }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'retry-after': retryAfter },
  });
const challenge = (header: boolean) =>
  new Response('<!doctype html><title>Checking your browser</title>', {
    status: 202,
    headers: { 'content-type': 'text/html', ...(header ? { 'x-amzn-waf-action': 'challenge' } : {}) },
  });

let sent: { method: string; path: string; through: 'browser' | 'aws'; key?: string }[];
let answers: (() => Response)[];
let stored: Map<string, string>;
let reloads: number;

function fetchThrough(through: 'browser' | 'aws') {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    if (path === '/waf-integration.json') return json({ integrationUrl: 'https://abc.sdk.awswaf.com/abc/def/' });
    const key = (init?.headers as Record<string, string> | undefined)?.['idempotency-key'];
    sent.push({ method: init?.method ?? 'GET', path, through, ...(key ? { key } : {}) });
    const next = answers.shift();
    if (!next) throw new TypeError('no answer planned');
    return next();
  };
}

async function fresh() {
  vi.resetModules(); // the WAF integration is loaded once per page: a fresh page per test
  const { queueApi } = await import('../../../../renderer/modes/shop/queue/queue-api.ts');
  const { transferApi } = await import('../../../../renderer/modes/shop/transfer/transfer-api.ts');
  return { queueApi, transferApi };
}

beforeEach(() => {
  sent = [];
  answers = [];
  reloads = 0;
  stored = new Map();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  };
  vi.stubGlobal('sessionStorage', storage);
  vi.stubGlobal('localStorage', storage);
  const aws: AwsWafIntegration = { getToken: async () => 'waf-token', fetch: fetchThrough('aws') };
  vi.stubGlobal('window', { AwsWafIntegration: aws });
  vi.stubGlobal('location', { hostname: 'shop.example', reload: () => reloads++ });
  vi.stubGlobal('fetch', fetchThrough('browser'));
});
afterEach(() => vi.unstubAllGlobals());

describe("the waiting room's calls on a busy API", () => {
  it('repeats a state read answered 503 by itself, no sooner than its Retry-After', async () => {
    const { queueApi } = await fresh();
    const state = { eventId: EVENT, admittedThrough: 3 };
    answers = [() => busy(503, '1'), () => json(state)];
    const started = Date.now();
    expect(await queueApi.state(EVENT)).toEqual(state);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sent.map((s) => s.method)).toEqual(['GET', 'GET']);
  });

  it("hands WAF's 429 with Retry-After: 60 to the caller with the Retry-After, without waiting it out here", async () => {
    const { queueApi } = await fresh();
    answers = [() => busy(429, '60')];
    const failure = await queueApi.state(EVENT).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ApiError', status: 429, body: { retryAfterSeconds: 60 } });
    expect(sent).toHaveLength(1);
  });

  it('never repeats a join (a POST without a key) by itself: the refusal and its Retry-After go to the caller', async () => {
    const { queueApi } = await fresh();
    answers = [() => busy(429, '0')];
    await expect(queueApi.join(EVENT, JOIN, undefined)).rejects.toMatchObject({
      status: 429,
      body: { retryAfterSeconds: 0 },
    });
    expect(sent).toHaveLength(1);
  });

  it('reads a lost connection as status 0, which the waiting room waits out too', async () => {
    const { queueApi } = await fresh();
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(queueApi.join(EVENT, JOIN, undefined)).rejects.toMatchObject({ status: 0 });
  });
});

describe("the waiting room's join under WAF's challenge", () => {
  for (const header of [true, false]) {
    it(`passes it and sends the join once more through AWS's fetch (${header ? 'its header' : 'its HTML alone'})`, async () => {
      const { queueApi } = await fresh();
      answers = [() => challenge(header), () => json(TICKET, 201)];
      expect(await queueApi.join(EVENT, JOIN, undefined)).toEqual(TICKET);
      expect(sent.map((s) => [s.method, s.through])).toEqual([
        ['POST', 'browser'],
        ['POST', 'aws'],
      ]);
      expect(reloads).toBe(0);
    });
  }

  it('challenged again after the token: the refusal goes to the screen, not a loop', async () => {
    const { queueApi } = await fresh();
    answers = [() => challenge(true), () => challenge(true)];
    await expect(queueApi.join(EVENT, JOIN, undefined)).rejects.toMatchObject({ status: 202, type: WAF_CHALLENGE });
    expect(sent).toHaveLength(2);
  });
});

describe('an Idempotency-Key of a lazily loaded call (a transfer)', () => {
  const ORDER = '00000000-0000-4000-8000-000000000002';
  const request = { email: 'grace@example.com', ticketIds: ['00000000-0000-4000-8000-000000000003'] };
  const keptKey = () => stored.get(`tb.key.transfer-send.${ORDER}`);

  it('is the same on the repeat of a busy answer, and done with once the API answered', async () => {
    const { transferApi } = await fresh();
    answers = [() => busy(503, '0'), () => json({ id: 'x' }, 201)];
    await transferApi.send(ORDER, request as never, { bearer: 'b' });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(keptKey()).toBeUndefined();
  });

  it('is kept after a busy answer that is not waited out here (the try again must be the same request)', async () => {
    const { transferApi } = await fresh();
    answers = [() => busy(429, '60')];
    await expect(transferApi.send(ORDER, request as never, { bearer: 'b' })).rejects.toMatchObject({ status: 429 });
    const key = keptKey();
    expect(key).toBe(sent[0]!.key);
    expect(key).toBeTruthy();
  });

  it('is done with after a refusal of the API itself (400)', async () => {
    const { transferApi } = await fresh();
    answers = [() => json({ type: 'https://ticketboss.dev/problems/validation_failed', detail: 'No.' }, 400)];
    await expect(transferApi.send(ORDER, request as never, { bearer: 'b' })).rejects.toMatchObject({ status: 400 });
    expect(keptKey()).toBeUndefined();
  });
});

describe("the first load's client", () => {
  it("takes a 202 with WAF's HTML page and no header for its challenge too", async () => {
    vi.resetModules();
    const { HttpTicketingClient } = await import('../../../../renderer/client/http-client.ts');
    const hold = { id: '00000000-0000-4000-8000-000000000009', token: 'hold-token', seats: [] };
    answers = [() => challenge(false), () => json(hold, 201)];
    expect(await new HttpTicketingClient().createHold(EVENT, { seatIds: ['A-1'] })).toMatchObject({ id: hold.id });
    expect(sent.map((s) => s.through)).toEqual(['browser', 'aws']);
  });
});
