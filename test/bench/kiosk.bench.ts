// npm run bench:kiosk — the desktop app's two promises, on the 100,000-seat stadium and a real Postgres behind the
// API server started as `npm start` starts it:
//  1. Cold open of the stadium event from the SQLite cache with the cloud unreachable, from the touch on the event
//     to a fully painted seat map (a fresh SQLite connection and a fresh page each run). Baseline, same run: the web
//     shop opening the same event over HTTP from the cloud.
//  2. Pushing 1,000 offline allotment sales queued in the outbox once the cloud is back, with the count of orders
//     and tickets in Postgres afterwards (zero duplicates). Baseline, same run: the same 1,000 sales sent straight
//     to the API one after another, as an online counter would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { startPostgresServer, freePort } from '../support/postgres-server.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { benchVenue } from './bench-venue.ts';
import { generateStadium } from '../../cloud/domain/seatmap/generator.ts';
import { createOnSaleEvent } from '../support/world.ts';
import { startApiServer, stopApiServer } from './harness.ts';
import { buildDevice } from '../support/main/device.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { openCache } from '../../main/cache/database.ts';
import { Outbox } from '../../main/cache/outbox.ts';
import { AllotmentSeller } from '../../main/sales/allotment-seller.ts';
import { httpSender, OutboxPusher } from '../../main/sync/outbox-pusher.ts';
import type { CreateOrder, Hold, Session } from '../../cloud/contract/index.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const TARGETS = { coldOpenMs: 1000, pushSeconds: 30 };
const UNREACHABLE = 'http://127.0.0.1:9';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const server = await startPostgresServer();
const dir = mkdtempSync(join(tmpdir(), 'ticketboss-bench-kiosk-'));
let child: Awaited<ReturnType<typeof startApiServer>> | undefined;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const { services, venue } = await benchVenue(server.url);
  const stadium = generateStadium({ seatScale: 1.6 });
  const map = await services.admin.importSeatMap(venue.id, stadium);
  const sections = stadium.sections.map((s) => s.id);
  const eventId = await createOnSaleEvent(services, map.id, sections, {
    name: 'Stadium Night',
    currency: 'GBP',
    perOrderLimit: 10,
  });
  const kioskCode = (
    await services.identity.createPairingCode({ venueId: venue.id, kind: 'kiosk', name: 'K' }, 'bench')
  ).code;
  const counter = await services.identity.createDevice({ venueId: venue.id, kind: 'boxoffice', name: 'Counter' });

  const port = await freePort();
  child = await startApiServer({ PORT: String(port), DATABASE_URL: server.url, VAR_DIR: join(dir, 'var') });
  const cloudUrl = `http://127.0.0.1:${port}`;
  console.log(`stadium: ${stadium.seats.length.toLocaleString('en')} seats`);

  // --- 1. Cold open from the cache ----------------------------------------------------------------------------------
  const kioskDbDir = mkdtempSync(join(dir, 'kiosk-'));
  const online = buildDevice(kioskDbDir, cloudUrl);
  await online.device.register(kioskCode);
  // Fill the cache as a day of selling would: the event, its seat map and availability, fetched once online.
  for (const channel of ['catalog:getEvent', 'catalog:getAvailability'] as const)
    await online.handle(channel, { eventId });
  await online.handle('catalog:getSeatMap', { seatmapId: map.id });
  await online.handle('catalog:listEvents', { venueId: venue.id });
  online.close();

  /** From the touch on the event to the first frame with every tile drawn, in the page's clock. */
  const openEvent = async (page: Page, eventButton: () => Promise<void>) => {
    await page.evaluate(() => ((window as unknown as { __t0: number }).__t0 = performance.now()));
    await eventButton();
    const handle = await page.waitForFunction(
      () => {
        const canvas = document.querySelector('canvas.seatmap') as unknown as {
          seatMapEngine?: { fullyPaintedAt: number | null };
        } | null;
        const at = canvas?.seatMapEngine?.fullyPaintedAt;
        return at ? at - (window as unknown as { __t0: number }).__t0 : false;
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    return (await handle.jsonValue()) as number;
  };

  const cold: number[] = [];
  const web: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // The kiosk, offline: a fresh SQLite connection on the filled cache, the cloud unreachable.
    const offline = buildDevice(kioskDbDir, UNREACHABLE);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await bindBridge(page, offline.handle);
    await page.goto(cloudUrl + '/');
    await page.getByRole('button', { name: 'Touch to buy' }).click();
    const eventButton = page.getByRole('button', { name: /Stadium Night/ });
    await eventButton.waitFor();
    // The kiosk shows quantity and prices first; the map is the buyer's next touch, counted in the same time.
    cold.push(
      await openEvent(page, async () => {
        await eventButton.click();
        await page.getByRole('button', { name: 'Pick seats on the map' }).click();
      }),
    );
    await context.close();
    offline.close();

    // The web shop over HTTP, same event.
    const webContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const webPage = await webContext.newPage();
    await webPage.goto(cloudUrl + '/');
    const link = webPage.getByRole('link', { name: 'Stadium Night' });
    await link.waitFor();
    web.push(await openEvent(webPage, () => link.click()));
    await webContext.close();
  }

  // --- 2. Pushing 1,000 offline sales -------------------------------------------------------------------------------
  const session = (await (
    await fetch(`${cloudUrl}/v1/auth/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: counter.id, secret: counter.secret }),
    })
  ).json()) as Session;
  const token = session.accessToken;
  const seatIds = stadium.seats.map((s) => s.id);
  const allot = async (seats: string[]) => {
    const response = await fetch(`${cloudUrl}/v1/events/${eventId}/allotments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ seatIds: seats }),
    });
    if (response.status !== 201) throw new Error(`allotment: ${response.status} ${await response.text()}`);
    return (await response.json()) as Hold;
  };
  const queuedSeats = seatIds.slice(0, ORDERS);
  const directSeats = seatIds.slice(ORDERS, 2 * ORDERS);
  const [queuedAllotment, directAllotment] = [await allot(queuedSeats), await allot(directSeats)];
  const price = queuedAllotment.seats[0]!.price.amount;

  const cache = openCache(join(dir, 'counter.db'));
  const outbox = new Outbox(cache);
  const seller = new AllotmentSeller(cache, outbox);
  seller.keep(queuedAllotment);
  for (const [i, seat] of queuedSeats.entries()) {
    seller.sellForCash(queuedAllotment.id, [seat], {
      buyer: { email: `queued${i}@example.com`, name: `Queued ${i}` },
      tendered: price,
    });
  }
  const pusher = new OutboxPusher(
    outbox,
    httpSender(cloudUrl, () => token),
  );
  const pushStarted = performance.now();
  while (outbox.pendingCount() > 0) {
    const result = await pusher.push();
    if (result.stopped) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pushSeconds = (performance.now() - pushStarted) / 1000;

  const directStarted = performance.now();
  for (const [i, seat] of directSeats.entries()) {
    const body: CreateOrder = {
      holdId: directAllotment.id,
      allotmentSeatIds: [seat],
      buyer: { email: `direct${i}@example.com`, name: `Direct ${i}` },
      delivery: { method: 'print_at_venue' },
      payment: { method: 'cash', tendered: { amount: price, currency: 'GBP' } },
    };
    const response = await fetch(`${cloudUrl}/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`direct order: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  const directSeconds = (performance.now() - directStarted) / 1000;

  const check = createPostgresDb({ connectionString: server.url, maxConnections: 1 });
  const counts = (
    await check.query<{ orders: string; tickets: string; seats: string }>(
      `SELECT count(DISTINCT o.id) AS orders, count(t.id) AS tickets, count(DISTINCT t.seat_id) AS seats
       FROM orders o JOIN tickets t ON t.order_id = o.id WHERE o.buyer_name LIKE 'Queued %'`,
    )
  ).rows[0]!;
  await check.close();
  const rejected = outbox.rejected().length;
  cache.close();

  const verdict = (ok: boolean, target: string) => `target ${target}: ${ok ? 'met' : 'MISSED'}`;
  console.log(`\nCold open of the stadium event, touch → fully painted map (medians of ${RUNS} runs)`);
  console.log(
    `  kiosk, offline, from SQLite   ${median(cold).toFixed(0).padStart(6)} ms   runs ${cold.map((v) => v.toFixed(0)).join('/')}`,
  );
  console.log(
    `  baseline: web shop over HTTP  ${median(web).toFixed(0).padStart(6)} ms   runs ${web.map((v) => v.toFixed(0)).join('/')}`,
  );
  console.log(
    `  ratio kiosk/web ${(median(cold) / median(web)).toFixed(2)}   ${verdict(median(cold) <= TARGETS.coldOpenMs, '≤ 1000 ms')}`,
  );
  console.log(`\n${ORDERS} offline sales pushed after reconnect`);
  console.log(
    `  outbox push                   ${pushSeconds.toFixed(1).padStart(6)} s   (${(ORDERS / pushSeconds).toFixed(0)} orders/s)`,
  );
  console.log(
    `  baseline: direct online sales ${directSeconds.toFixed(1).padStart(6)} s   (${(ORDERS / directSeconds).toFixed(0)} orders/s)`,
  );
  console.log(
    `  ratio push/direct ${(pushSeconds / directSeconds).toFixed(2)}   ${verdict(pushSeconds <= TARGETS.pushSeconds, '≤ 30 s')}`,
  );
  const clean =
    Number(counts.orders) === ORDERS && Number(counts.tickets) === ORDERS && Number(counts.seats) === ORDERS;
  console.log(
    `  in Postgres: ${counts.orders} orders, ${counts.tickets} tickets, ${counts.seats} distinct seats; ${rejected} rejected   duplicates: ${clean && rejected === 0 ? 'none' : 'FOUND'}`,
  );
  if (!clean || rejected > 0) process.exitCode = 1;
} finally {
  await browser.close();
  // The API first: it ends its outbox batch and closes its connections before Postgres goes.
  await stopApiServer(child);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
