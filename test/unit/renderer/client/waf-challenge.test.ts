// AWS WAF's silent challenge on the on-sale's POSTs (202 with `x-amzn-waf-action: challenge`: the request never reached
// the API): with the web ACL's integration URL deployed, the shop loads AWS's script, gets a token and sends the call
// once more through its fetch wrapper, so the buyer's hold is made once; challenged again, the refusal goes to the
// screen. Without the URL the page reloads (WAF's interstitial earns the token on a page load), once a minute at most.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpTicketingClient } from '../../../../renderer/client/http-client.ts';
import type { AwsWafIntegration } from '../../../../renderer/client/waf-challenge.ts';

const EVENT = '00000000-0000-4000-8000-000000000001';
const INTEGRATION = 'https://abc123.us-east-1.sdk.awswaf.com/abc123/def456/';
const HOLD = { id: '00000000-0000-4000-8000-000000000009', token: 'hold-token', seats: [] };

const challenge = () =>
  new Response('<html><script src="challenge.js"></script></html>', {
    status: 202,
    headers: { 'x-amzn-waf-action': 'challenge', 'content-type': 'text/html' },
  });
const held = () => new Response(JSON.stringify(HOLD), { status: 201, headers: { 'content-type': 'application/json' } });

let sent: { path: string; through: 'browser' | 'aws'; token?: string; key?: string }[];
let scripts: string[];
let reloads: number;
let tokens: number;
/** What the API side answers each hold (in order); the integration config the shop was deployed with. */
let holdAnswers: (() => Response)[];
let config: Response;

function browserFetch(through: 'browser' | 'aws', token?: string) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    if (path === '/waf-integration.json') return config;
    const key = (init?.headers as Record<string, string> | undefined)?.['idempotency-key'];
    sent.push({ path, through, ...(token ? { token } : {}), ...(key ? { key } : {}) });
    return (holdAnswers.shift() ?? held)();
  };
}

const getToken = async () => {
  tokens++;
  return 'waf-token';
};
const aws: AwsWafIntegration = {
  getToken,
  fetch: (input, init) => browserFetch('aws', 'waf-token')(input as RequestInfo, init),
};

async function freshClient(): Promise<HttpTicketingClient> {
  vi.resetModules(); // the integration is loaded once per page: a fresh page per test
  const { HttpTicketingClient } = await import('../../../../renderer/client/http-client.ts');
  return new HttpTicketingClient();
}

beforeEach(() => {
  aws.getToken = getToken;
  sent = [];
  scripts = [];
  reloads = 0;
  tokens = 0;
  holdAnswers = [];
  config = new Response(JSON.stringify({ integrationUrl: INTEGRATION }), { status: 200 });
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  };
  vi.stubGlobal('sessionStorage', storage);
  vi.stubGlobal('localStorage', storage);
  const window: { AwsWafIntegration?: AwsWafIntegration } = {};
  vi.stubGlobal('window', window);
  vi.stubGlobal('location', { hostname: 'shop.example', reload: () => reloads++ });
  vi.stubGlobal('document', {
    createElement: () => ({}) as { src: string; onload: () => void },
    head: {
      // AWS's script, as the browser runs it: it puts AwsWafIntegration on the window, then `load`.
      append: (script: { src: string; onload: () => void }) => {
        scripts.push(script.src);
        window.AwsWafIntegration = aws;
        queueMicrotask(() => script.onload());
      },
    },
  });
  vi.stubGlobal('fetch', browserFetch('browser'));
});
afterEach(() => vi.unstubAllGlobals());

describe('the shop client meeting AWS WAF`s challenge', () => {
  it('gets a token through AWS`s integration script and sends the hold once more, through its fetch', async () => {
    holdAnswers = [challenge];
    const client = await freshClient();
    expect(await client.createHold(EVENT, { seatIds: ['A-1'] })).toEqual(HOLD);
    expect(scripts).toEqual([`${INTEGRATION.replace(/\/$/, '')}/challenge.js`]);
    expect(tokens).toBe(1);
    expect(sent.map((request) => [request.through, request.token])).toEqual([
      ['browser', undefined],
      ['aws', 'waf-token'],
    ]);
    expect(reloads).toBe(0);
  });

  it('passes an order`s challenge the same way, with the same Idempotency-Key', async () => {
    holdAnswers = [challenge, () => new Response('{"id":"o"}', { status: 201 })];
    const client = await freshClient();
    const request = { holdId: HOLD.id } as Parameters<typeof client.createOrder>[0];
    expect(await client.createOrder(request, 'hold-token', 'key-1')).toEqual({ id: 'o' });
    expect(sent.map((request) => [request.through, request.key])).toEqual([
      ['browser', 'key-1'],
      ['aws', 'key-1'],
    ]);
  });

  it('sends a call once more only: challenged again, the refusal goes to the screen (no third try, no reload)', async () => {
    holdAnswers = [challenge, challenge];
    const client = await freshClient();
    await expect(client.createHold(EVENT, { seatIds: ['A-1'] })).rejects.toMatchObject({
      status: 202,
      code: 'waf_challenge',
    });
    expect(sent).toHaveLength(2);
    expect(reloads).toBe(0);
  });

  it('without an integration URL reloads the page (the call stays pending), and not again within a minute', async () => {
    config = new Response('not found', { status: 404 });
    holdAnswers = [challenge, challenge];
    const client = await freshClient();
    let settled = false;
    void client.createHold(EVENT, { seatIds: ['A-1'] }).finally(() => (settled = true));
    await vi.waitFor(() => expect(reloads).toBe(1));
    expect(settled).toBe(false);
    expect(scripts).toEqual([]);
    // Just reloaded and challenged again (the interstitial did not give a token): the screen says to reload.
    await expect(client.createHold(EVENT, { seatIds: ['A-1'] })).rejects.toMatchObject({ code: 'waf_challenge' });
    expect(reloads).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('reloads when AWS`s script gives no token', async () => {
    holdAnswers = [challenge];
    aws.getToken = async () => {
      throw new Error('token acquisition timed out');
    };
    const client = await freshClient();
    void client.createHold(EVENT, { seatIds: ['A-1'] });
    await vi.waitFor(() => expect(reloads).toBe(1));
    expect(sent).toHaveLength(1);
  });

  it('takes the API`s own 202 (no WAF header) as an answer, not a challenge', async () => {
    holdAnswers = [() => new Response(JSON.stringify(HOLD), { status: 202 })];
    const client = await freshClient();
    expect(await client.createHold(EVENT, { seatIds: ['A-1'] })).toEqual(HOLD);
    expect(sent).toHaveLength(1);
  });
});
