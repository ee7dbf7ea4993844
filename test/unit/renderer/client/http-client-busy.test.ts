// The shop client waits out a busy API (429, 503) by itself only for calls that may be repeated: reads, and writes
// with an Idempotency-Key. A hold has none, and a 503 may come after it was made: it is handed to the screen as is.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpTicketingClient } from '../../../../renderer/client/http-client.ts';
import { ApiError } from '../../../../renderer/client/ticketing-client.ts';
import { isRetryableHoldRefusal } from '../../../../renderer/modes/shared/seat-chooser/use-auto-retry.ts';

const EVENT = '00000000-0000-4000-8000-000000000001';
const busy = (status: number) =>
  new Response(JSON.stringify({ type: 'https://ticketboss.dev/problems/overloaded', status, detail: 'Busy.' }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '0' },
  });

let requests: { method: string; path: string }[];
function answering(...answers: Response[]) {
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    requests.push({ method: init?.method ?? 'GET', path: input });
    return answers.shift() ?? new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
}

beforeEach(() => {
  requests = [];
  const stored = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the shop client on a busy API', () => {
  for (const status of [429, 503]) {
    it(`does not repeat a hold answered ${status} (no Idempotency-Key): the refusal goes to the screen`, async () => {
      answering(busy(status));
      const client = new HttpTicketingClient('http://shop.test');
      await expect(client.createHold(EVENT, { seatIds: ['A-1'] })).rejects.toMatchObject({ status });
      expect(requests).toHaveLength(1);
    });
  }

  it('repeats a read answered 503', async () => {
    answering(busy(503), new Response('{"events":[]}', { status: 200 }));
    expect(await new HttpTicketingClient('http://shop.test').listEvents()).toEqual([]);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('repeats an order (sent with an Idempotency-Key) answered 503', async () => {
    answering(busy(503), new Response('{"id":"o"}', { status: 201 }));
    const client = new HttpTicketingClient('http://shop.test');
    const request = { holdId: '00000000-0000-4000-8000-000000000002' } as Parameters<typeof client.createOrder>[0];
    await client.createOrder(request, 'hold-token', 'key-1');
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe("the seat chooser's automatic try of a refused hold", () => {
  it('is planned for a 429 only (refused before any work), never for a 503 or another refusal', () => {
    expect(isRetryableHoldRefusal(new ApiError(429, 'rate_limited', 'Busy.'))).toBe(true);
    expect(isRetryableHoldRefusal(new ApiError(503, 'overloaded', 'Busy.'))).toBe(false);
    expect(isRetryableHoldRefusal(new ApiError(409, 'seats_unavailable', 'Taken.'))).toBe(false);
    expect(isRetryableHoldRefusal(new Error('network'))).toBe(false);
  });
});
