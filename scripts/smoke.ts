// `npx tsx scripts/smoke.ts <api-url> [--hold] [--api-key <key>]`: a quick check that a TicketBoss API serves from its
// database, after a deploy or a restore (cloud/infra/README.md, "Restoring the database"). Against the shop's URL
// (CloudFront, /v1/* to the API), the devices' URL (DeviceApiUrl, with a machine's --api-key) or `npm start`'s. It
// reads the API's description, the event list, an event, its seat map and availability; with --hold it also holds
// one seat of an on-sale event and releases it (the write path, the inventory, a seat back to sale). Each step is
// printed; the exit code is 1 if any failed. Every answer is checked against the contract's schemas.
import { resolve } from 'node:path';
import { z } from 'zod';
import { Availability, CreatedHold, EventDetail, EventList, Hold, SeatMap } from '../cloud/contract/index.ts';
import { apiHeaders, apiPaths } from '../cloud/contract/routes.ts';

export interface SmokeOptions {
  /** The API's base URL, without /v1 (e.g. https://d111111abcdef8.cloudfront.net). */
  baseUrl: string;
  /** A registered machine's API Gateway key, for the devices' stage. */
  apiKey?: string;
  /** Also hold a seat and release it. */
  hold?: boolean;
  /** Each step's line as it finishes (default: none). */
  log?: (line: string) => void;
}

export interface SmokeStep {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}

class StepFailed extends Error {}

/** Runs the checks in order; a step that fails stops those that need what it would have found. */
export async function smoke(options: SmokeOptions): Promise<SmokeStep[]> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const steps: SmokeStep[] = [];
  const call = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    expected: number,
    schema: z.ZodType<T> | null,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.apiKey ? { [apiHeaders.apiKey]: options.apiKey } : {}),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    if (response.status !== expected) {
      throw new StepFailed(`${method} ${path}: ${response.status} (expected ${expected}) ${text.slice(0, 200)}`);
    }
    if (!schema) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new StepFailed(
        `${method} ${path}: not JSON (${response.headers.get('content-type')}) ${text.slice(0, 80)}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new StepFailed(`${method} ${path}: ${z.prettifyError(parsed.error).slice(0, 300)}`);
    return parsed.data;
  };
  const step = async <T>(name: string, run: () => Promise<{ value: T; detail: string }>): Promise<T | undefined> => {
    const started = performance.now();
    let value: T | undefined;
    let ok = true;
    let detail: string;
    try {
      ({ value, detail } = await run());
    } catch (error) {
      ok = false;
      detail = error instanceof StepFailed ? error.message : `${(error as Error).message} (${base})`;
    }
    const done = { name, ok, ms: Math.round(performance.now() - started), detail };
    steps.push(done);
    options.log?.(`${ok ? '✓' : '✗'} ${name} (${done.ms} ms): ${detail}`);
    return value;
  };

  await step('the API answers', async () => {
    const document = await call('GET', apiPaths.openApi(), 200, z.looseObject({ openapi: z.string() }));
    return { value: document, detail: `OpenAPI ${document.openapi}` };
  });
  const events = await step('the database answers: events are listed', async () => {
    const list = await call('GET', apiPaths.events(), 200, EventList);
    if (list.events.length === 0) throw new StepFailed('no events: an empty or wrong database');
    return { value: list.events, detail: `${list.events.length} events` };
  });
  if (!events) return steps;
  const chosen = events.find((e) => e.status === 'on_sale') ?? events[0]!;
  const event = await step('an event and its seat map', async () => {
    const detail = await call('GET', apiPaths.event(chosen.id), 200, EventDetail);
    const seatMap = await call('GET', apiPaths.seatMap(detail.seatmapId), 200, SeatMap);
    return { value: detail, detail: `${detail.name}: seat map v${seatMap.version}` };
  });
  if (!event) return steps;
  await step('its availability', async () => {
    const availability = await call('GET', apiPaths.availability(event.id), 200, Availability);
    const free = availability.tiers.reduce((sum, tier) => sum + tier.available, 0);
    return { value: availability, detail: `${free} seats available` };
  });
  if (!options.hold) return steps;
  await step('a seat held and released', async () => {
    if (event.status !== 'on_sale') throw new StepFailed('no event on sale to hold a seat of');
    const hold = await call('POST', apiPaths.eventHolds(event.id), 201, CreatedHold, {
      body: { bestAvailable: { quantity: 1 } },
    });
    const token = { [apiHeaders.holdToken]: hold.token };
    await call('DELETE', apiPaths.hold(hold.id), 204, null, { headers: token });
    const released = await call('GET', apiPaths.hold(hold.id), 200, Hold, { headers: token });
    if (released.status !== 'released') throw new StepFailed(`hold ${hold.id} is ${released.status} after release`);
    return { value: released, detail: `hold ${hold.id} released` };
  });
  return steps;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/smoke.ts')) {
  const args = process.argv.slice(2);
  const keyAt = args.indexOf('--api-key');
  const apiKey = keyAt >= 0 ? args[keyAt + 1] : undefined;
  const baseUrl = args.find((arg, i) => !arg.startsWith('--') && (keyAt < 0 || i !== keyAt + 1));
  if (!baseUrl) {
    console.error('usage: npx tsx scripts/smoke.ts <api-url> [--hold] [--api-key <key>]');
    process.exit(2);
  }
  const steps = await smoke({
    baseUrl,
    hold: args.includes('--hold'),
    ...(apiKey ? { apiKey } : {}),
    log: (line) => console.log(line),
  });
  const failed = steps.filter((s) => !s.ok).length;
  console.log(failed ? `${failed} of ${steps.length} checks failed` : `all ${steps.length} checks passed`);
  process.exit(failed ? 1 : 0);
}
