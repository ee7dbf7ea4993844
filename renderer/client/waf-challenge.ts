// Passing AWS WAF's silent challenge in the shop, loaded only when a call met one (http-transport.ts). AWS's way for an
// application: its integration script (`<integration URL>/challenge.js`, the web ACL's application integration URL)
// gets a token (`AwsWafIntegration.getToken()`, which keeps it in the `aws-waf-token` cookie) and its fetch wrapper
// sends it along; the challenged call is then sent once more through that wrapper. The URL comes with the deployed
// shop (`/waf-integration.json`, cloud/infra/web.ts), read here rather than at start: the first load pays nothing.
// Without it (or when the script or its token fail) the page is reloaded: a page load earns a token through WAF's
// interstitial, and what the buyer had survives it (the hold and what was typed at checkout in sessionStorage, the
// queue's place and admission in localStorage, the order's Idempotency-Key). Reloaded once a minute at most: a
// challenge again so soon goes to the screen, whose words say to reload.
import { ApiError, WAF_CHALLENGE } from './ticketing-client.ts';

/** What AWS's integration script puts on the window (the part the shop uses). */
export interface AwsWafIntegration {
  getToken(): Promise<string>;
  fetch: typeof fetch;
}

declare global {
  interface Window {
    AwsWafIntegration?: AwsWafIntegration;
  }
}

/** Where the deployed shop says its web ACL's integration URL is (`{ "integrationUrl": string | null }`). */
export const WAF_INTEGRATION_CONFIG = '/waf-integration.json';
const RELOADED_AT = 'tb.waf.reloadedAt';
const RELOAD_AGAIN_AFTER_MS = 60_000;

let integration: Promise<AwsWafIntegration | null> | null = null;

/** The refusal the screen shows when the challenge could not be passed here. */
const unpassed = () =>
  new ApiError(
    202,
    WAF_CHALLENGE,
    'Your browser needs a quick security check first. Reload the page to pass it: your place and held seats are kept.',
  );

/**
 * A fetch that carries a WAF token, for the challenged call's one more try; else the page reloads. `again`: the call
 * was already sent with a token and challenged once more (or the page reloaded within a minute): the screen's refusal.
 */
export async function passChallenge(again: boolean): Promise<typeof fetch> {
  if (again) throw unpassed();
  integration ??= loadIntegration();
  const aws = await integration;
  if (aws) {
    try {
      await aws.getToken();
      return (input, init) => aws.fetch(input, init);
    } catch {
      // No token (AWS's getToken gives up after two seconds): the reload below earns one.
    }
  }
  return reloadForToken();
}

async function loadIntegration(): Promise<AwsWafIntegration | null> {
  const url = await integrationUrl();
  if (!url) return null;
  if (!window.AwsWafIntegration) {
    const loaded = await new Promise<boolean>((resolve) => {
      const script = document.createElement('script');
      script.src = `${url.replace(/\/+$/, '')}/challenge.js`;
      script.async = true;
      script.onload = () => resolve(true);
      script.onerror = () => resolve(false);
      document.head.append(script);
    });
    if (!loaded) return null;
  }
  return window.AwsWafIntegration ?? null;
}

async function integrationUrl(): Promise<string | null> {
  try {
    const response = await fetch(WAF_INTEGRATION_CONFIG, { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const config = (await response.json()) as { integrationUrl?: unknown };
    const url = typeof config.integrationUrl === 'string' ? new URL(config.integrationUrl) : null;
    return url?.protocol === 'https:' || url?.hostname === location.hostname ? url.href : null;
  } catch {
    return null; // not deployed with one (a local shop), or not JSON
  }
}

function reloadForToken(): Promise<never> {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < RELOAD_AGAIN_AFTER_MS) throw unpassed();
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  location.reload();
  // The page goes: the call never settles, so the screen shows no refusal in the meantime.
  return new Promise<never>(() => {});
}
