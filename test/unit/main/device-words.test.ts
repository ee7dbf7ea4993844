// No English sentence from the main process reaches the kiosk's or box office's screen (issue 18): what a sale,
// exchange, refund or hand-back tells the person at the screen crosses the bridge as a code with its amounts
// (DeviceNotice), worded by the renderer in the shown language. Checked three ways: every text field of every bridge
// answer is one this file names, with why it is not a sentence for the screen (a new `message: string` fails here);
// the main process's outcomes, driven through each path, carry no sentence; and every notice has words in English,
// German and Arabic (translated, the Arabic with no Latin words).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as contract from '../../../cloud/contract/index.ts';
import { apiRoutes, type ApiRoute } from '../../../cloud/contract/routes.ts';
import type { Order } from '../../../cloud/contract/index.ts';
import { BRIDGE, DeviceNotice } from '../../../preload/bridge.ts';
import { SimulatedTerminal, type SimulatedOutcome } from '../../../main/peripherals/card-terminal.ts';
import { sellWithTerminal } from '../../../main/sales/terminal-sale.ts';
import { CounterSales } from '../../../main/sales/counter-sales.ts';
import { exchangeAtCounter } from '../../../main/sales/box-office-exchange.ts';
import { BoxOfficeOrders } from '../../../main/sales/box-office-orders.ts';
import { CloudProblem, type CloudClient } from '../../../main/sync/cloud-client.ts';
import { activateLocale, i18n } from '../../../renderer/i18n/index.ts';
import { noticeWords } from '../../../renderer/modes/device/notice-words.ts';

type Node = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** Every schema node under `schema`, with the path to it (`field`, `[]` for an array's items, `|` for options). */
function* nodes(schema: Node, path = ''): Generator<[string, Node]> {
  yield [path, schema];
  const def = schema._zod.def;
  const at = (next: string) => (path ? `${path}.${next}` : next);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape as Record<string, Node>)) yield* nodes(child, at(key));
  } else if (def.type === 'array') yield* nodes(def.element as Node, at('[]'));
  else if (def.type === 'union') for (const option of def.options as Node[]) yield* nodes(option, path);
  else if (def.type === 'pipe') yield* nodes(def.in as Node, path);
  else if (def.type === 'lazy') yield* nodes((def.getter as () => Node)(), path);
  else if (def.type === 'record') yield* nodes(def.valueType as Node, at('*'));
  else if ('innerType' in def) yield* nodes(def.innerType as Node, path);
}

/** The cloud contract's schema nodes: its data (orders, events, scans) is the cloud's, in its own words and codes. */
const cloudNodes = new Set<unknown>(
  (Object.values(contract) as unknown[])
    .filter((value): value is Node => typeof value === 'object' && value !== null && '_zod' in value)
    .flatMap((schema) => [...nodes(schema)].map(([, node]) => node)),
);

/** The text fields the bridge itself defines, and why none is a sentence for the screen. */
const TEXT_FIELDS: Record<string, string> = {
  'device:status name': "the machine's name, as the admin typed it",
  'device:status staff.name': "the clerk's name",
  'device:status staff.email': "the clerk's email",
  'orders:transfer recipient.email': "the recipient's email, as the clerk typed it",
  'orders:transfer recipient.name': "the recipient's name, as the clerk typed it",
  'device:status sync.rejected.[].id': 'an id',
  'device:status sync.rejected.[].kind': 'a code (terminal_sale, door_scan, …)',
  'device:status sync.rejected.[].reason': "the cloud's detail, shown in English only; worded by problemType",
  'device:status sync.rejected.[].problemType': 'a problem type',
  'device:status sync.rejected.[].createdAt': 'a timestamp',
  'device:status storage.[].keptAs': 'a file name',
  'device:status storage.[].at': 'a timestamp',
  'device:status storage.[].problem': 'for the log and support; no screen shows it',
  'catalog json': "the cloud's JSON",
  'catalog fetchedAt': 'a timestamp',
  'sale status': 'a code',
  'notice problem.type': 'a problem type, worded by problemWords',
  'notice problem.detail': "the cloud's detail, shown by problemWords in English only",
  printed: 'file paths of printed documents',
  'allotment allotmentId': 'an id',
  'allotment eventId': 'an id',
  'allotment seats.[].seatId': 'an id',
  'allotment:sellCash reference': 'an order reference (OFF-…)',
  'shift:currencies currencies.[]': 'ISO currency codes',
  'venue:logo dataUrl': 'an image',
};

/** A path of the bridge's outputs under the name TEXT_FIELDS gives it (shared shapes named once). */
function fieldName(channel: string, path: string): string {
  if (channel.startsWith('catalog:')) return `catalog ${path}`;
  if (/(^|\.)notice\.|^handBack\./.test(path)) return `notice ${path.replace(/^.*?(notice|handBack)\./, '')}`;
  if (/^(printed(\.\[\])?)$/.test(path)) return 'printed';
  if (channel === 'sale:terminal' || channel === 'sale:cash' || channel === 'orders:exchange') {
    if (path === 'status') return 'sale status';
  }
  if (channel === 'allotment:create' || channel === 'allotment:list') return `allotment ${path.replace(/^\[\]\./, '')}`;
  if (['device:register', 'staff:signIn', 'staff:signOut', 'sync:now'].includes(channel)) {
    return `device:status ${path}`;
  }
  return `${channel} ${path}`;
}

describe('the bridge carries no sentence from the main process', () => {
  it("every text field of every bridge answer is named, with why it is not the main process's words", () => {
    const found = new Set<string>();
    for (const [channel, spec] of Object.entries(BRIDGE)) {
      for (const [path, node] of nodes(spec.output as unknown as Node)) {
        if (node._zod.def.type !== 'string' || cloudNodes.has(node)) continue;
        found.add(fieldName(channel, path));
      }
    }
    const unnamed = [...found].filter((name) => !(name in TEXT_FIELDS));
    expect(
      unnamed,
      'a text field in a bridge answer: send a code (a DeviceNotice) and word it in the renderer',
    ).toEqual([]);
  });
});

// --- The main process's outcomes, path by path -----------------------------------------------------------------------

const EUR = (amount: number) => ({ amount, currency: 'EUR' });
const problem = (code: string, retryable = false) =>
  new CloudProblem({
    type: `https://ticketboss.dev/problems/${code}`,
    status: retryable ? 0 : 409,
    detail: 'These seats are no longer held for you.',
    ...(retryable ? { retryable: true } : {}),
  });

/** A cloud that answers each route with what the test says (a value, or a thrown problem). */
function fakeCloud(answers: Map<ApiRoute, () => unknown>): CloudClient {
  return {
    async call(route: ApiRoute) {
      const answer = answers.get(route);
      if (!answer) throw new Error(`no answer for ${route.method} ${route.path}`);
      return answer();
    },
  } as unknown as CloudClient;
}

const order = (method: string, extra: Partial<Order> = {}) =>
  ({
    id: 'order-1',
    code: 'TB-1',
    state: 'paid',
    total: EUR(5000),
    delivery: { method: 'print_at_venue' },
    payments: [{ state: 'captured', method, amount: EUR(5000) }],
    tickets: [],
    owedAtCounter: EUR(5000),
    ...extra,
  }) as unknown as Order;

const quote = { breakdown: { totals: { total: 5000 }, currency: 'EUR' } };
const hold = { id: 'hold-1' } as never;
const buyer = { name: 'Ada', email: 'ada@example.com' };

/** Sentences in a main-process answer: text with two words in a row, outside the cloud's data it carries. */
function sentencesIn(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return /\p{L}{2,}[\s,;:]+\p{L}{2,}/u.test(value) ? [`${path}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => sentencesIn(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    // The cloud's order data, and its refusal passed on as a problem (worded by its type in the renderer).
    ['order', 'from', 'to', 'problem'].includes(key) ? [] : sentencesIn(child, path ? `${path}.${key}` : key),
  );
}

async function outcomes(): Promise<unknown[]> {
  const results: unknown[] = [];
  const terminalSale = async (outcome: SimulatedOutcome, create: () => unknown, outbox = true) =>
    sellWithTerminal(
      fakeCloud(
        new Map<ApiRoute, () => unknown>([
          [apiRoutes.quoteHold, () => quote],
          [apiRoutes.createOrder, create],
        ]),
      ),
      new SimulatedTerminal([outcome]),
      { hold, holdToken: 't', buyer, delivery: { method: 'print_at_venue' } },
      outbox ? ({ enqueue() {} } as never) : undefined,
    );
  for (const outcome of ['decline', 'timeout', 'card_removed'] as const) {
    results.push(await terminalSale(outcome, () => order('card_terminal')));
  }
  results.push(
    await terminalSale('approve', () => {
      throw problem('offline', true);
    }),
  );
  results.push(
    await terminalSale(
      'approve',
      () => {
        throw problem('offline', true);
      },
      false,
    ),
  );
  results.push(
    await terminalSale('approve', () => {
      throw problem('hold_expired');
    }),
  );

  const sales = (reachable: boolean, paid: Order) =>
    new CounterSales({
      session: {
        requireRegistered: () => ({ kind: 'boxoffice' }),
        requireClerk: () => ({}),
        reachable: async () => reachable,
      },
      cloud: fakeCloud(
        new Map<ApiRoute, () => unknown>([
          [apiRoutes.getHold, () => hold],
          [apiRoutes.quoteHold, () => quote],
          [apiRoutes.createOrder, () => paid],
        ]),
      ),
      terminal: new SimulatedTerminal(),
      outbox: { enqueue() {} },
      printing: { print: async () => ['receipt.pdf'] },
      knownOrders: { remember: (known: Order) => known },
    } as never);
  const sale = { holdId: 'h', holdToken: 't', buyer: { name: 'Ada' }, delivery: 'print' } as const;
  results.push(await sales(false, order('card_terminal')).sellByTerminal(sale));
  results.push(await sales(true, order('card_terminal')).sellByTerminal(sale));
  const withChange = order('cash', { payments: [{ state: 'captured', method: 'cash', change: EUR(500) }] } as never);
  for (const paid of [withChange, order('cash')]) {
    results.push(
      await sales(true, paid).sellForCash({ ...sale, tendered: EUR(5500), idempotencyKey: 'key-12345678' } as never),
    );
  }

  const exchange = async (difference: number, before: Order, how?: unknown, terminal = new SimulatedTerminal()) =>
    (
      await exchangeAtCounter(
        {
          cloud: fakeCloud(
            new Map<ApiRoute, () => unknown>([
              [apiRoutes.quoteExchange, () => ({ difference: EUR(difference) })],
              [apiRoutes.exchangeTickets, () => ({ from: before, to: before })],
            ]),
          ),
          terminal,
        },
        before,
        {
          orderId: 'o',
          ticketIds: ['t'],
          holdId: 'h',
          holdToken: 't',
          idempotencyKey: 'key-12345678',
          payment: how,
        } as never,
      )
    ).outcome;
  results.push(await exchange(0, order('cash')));
  results.push(await exchange(1000, order('cash')));
  results.push(await exchange(1000, order('cash'), { method: 'cash', tendered: EUR(500) }));
  results.push(await exchange(1000, order('cash'), { method: 'cash', tendered: EUR(2000) }));
  results.push(await exchange(1000, order('cash'), { method: 'card_terminal' }, new SimulatedTerminal(['decline'])));
  results.push(await exchange(1000, order('cash'), { method: 'card_terminal' }));
  for (const method of ['card_terminal', 'cash', 'sandbox']) results.push(await exchange(-1000, order(method)));

  const unpaid = order('cash', { state: 'pending_payment' });
  for (const before of [order('card_terminal'), order('cash'), order('sandbox'), unpaid]) {
    const orders = new BoxOfficeOrders({
      session: { requireClerk: () => ({}) },
      cloud: fakeCloud(
        new Map<ApiRoute, () => unknown>([
          [apiRoutes.getOrder, () => before],
          [apiRoutes.quoteRefund, () => ({ amount: EUR(5000) })],
          [apiRoutes.refundOrder, () => before],
          [apiRoutes.cancelOrder, () => before],
          [apiRoutes.handBackAtCounter, () => before],
        ]),
      ),
      terminal: new SimulatedTerminal(),
      printing: { print: async () => [] },
      knownOrders: { remember: (known: Order) => known },
    } as never);
    const key = { idempotencyKey: 'key-12345678' };
    results.push(await orders.refund({ orderId: 'o', reason: 'Cannot come', ...key }));
    results.push(await orders.cancel({ orderId: 'o', reason: 'Cannot come', ...key }));
    results.push(await orders.handBack({ orderId: 'o', ...key }));
  }
  return results;
}

describe("the main process's outcomes", () => {
  it('carry codes and amounts, never a sentence, on every path (sale, exchange, refund, hand-back)', async () => {
    const results = await outcomes();
    expect(results.flatMap((result) => sentencesIn(result))).toEqual([]);
    // Each path said something, as a notice the bridge accepts.
    const notices = results.map((result) => {
      const said =
        (result as { notice?: unknown; handBack?: unknown }).notice ?? (result as { handBack: unknown }).handBack;
      return DeviceNotice.parse(said).code;
    });
    expect(new Set(notices)).toEqual(new Set(DeviceNotice.options.map((option) => option.shape.code.value)));
  });
});

// --- The renderer's words for each notice ----------------------------------------------------------------------------

/** One notice of each code (and each decline reason, with and without a cancelled card). */
const everyNotice = (): DeviceNotice[] =>
  DeviceNotice.options.flatMap((option): DeviceNotice[] => {
    const code = option.shape.code.value;
    if (code === 'card_declined')
      return [
        { code, reason: 'issuer' },
        { code, reason: 'unknown' },
      ];
    if (code === 'cloud_refused') {
      const passed = { type: 'https://ticketboss.dev/problems/seats_unavailable', detail: 'Those seats went.' };
      return [true, false].map((cardCancelled) => ({ code, problem: passed, cardCancelled }));
    }
    return ['amount' in option.shape ? ({ code, amount: EUR(5000) } as DeviceNotice) : ({ code } as DeviceNotice)];
  });

describe('the words of every notice', () => {
  it('are in English, German and Arabic: translated, with the amount in each language', async () => {
    const t = (id: string, values?: Record<string, unknown>) => i18n._(id, values);
    const said: Record<string, string[]> = {};
    for (const locale of ['en', 'de', 'ar'] as const) {
      await activateLocale(locale, ['kiosk', 'errors']);
      said[locale] = everyNotice().map((notice) => noticeWords(t, notice));
    }
    for (const locale of ['en', 'de', 'ar']) {
      for (const words of said[locale]!) expect(words, locale).not.toMatch(/kiosk\.notice|errors\.|\{/);
    }
    said.de!.forEach((words, index) => expect(words).not.toBe(said.en![index]));
    for (const words of said.ar!) expect(words).not.toMatch(/[A-Za-z]{2,}/);
    expect(said.en).toContain('Give €50.00 change.');
    expect(said.de!.find((words) => words.includes('Wechselgeld heraus'))).toMatch(/50,00\s€/);
  });
});
