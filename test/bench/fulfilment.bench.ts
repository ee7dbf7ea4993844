// npm run bench:fulfilment — what fulfilment costs and how fast a buyer gets their tickets:
//  1. On one core, in this process: ticket images rendered per second (SVG → PNG), and whole tickets emails composed
//     per second (2 ticket images, the tickets PDF, the receipt PDF, MIME), beside a baseline measured in the same
//     run: the same email as text and HTML only, without images or PDFs. Then the CPU of the job's work for a
//     one-ticket order (process CPU time, so resvg's and zlib's native work counts; each with a fresh ticket code, as
//     every real email has), beside the same baseline's, so machines and loads compare by the ratio.
//  2. From payment to the `.eml` on disk through the API server as `npm start` runs it (real Postgres, the local
//     outbox): p50 and p99 over sequential box-office sales with email delivery.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { startPostgresServer, freePort } from '../support/postgres-server.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { createServices } from '../../cloud/services/index.ts';
import { generateTheatre } from '../../cloud/domain/seatmap/generator.ts';
import { createOnSaleEvent } from '../support/world.ts';
import { startApiServer, stopApiServer } from './harness.ts';
import { renderTicketPng } from '../../cloud/services/fulfilment/ticket-image.ts';
import { printableReceipt, printableTickets } from '../../cloud/domain/documents/printable.ts';
import { composeEmail } from '../../cloud/services/fulfilment/emails.ts';
import type { Order, Session } from '../../cloud/contract/index.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';

const COMPOSE_SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SALES = Number(process.env.BENCH_SALES ?? 60);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
};
const perSecond = async (work: () => unknown | Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await work(); // warm up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < COMPOSE_SECONDS * 1000) {
    await work();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
};

/** Milliseconds of this process's CPU (user and system, every thread) per call of `work`, over `count` calls. */
const cpuMsPer = async (count: number, work: (i: number) => unknown | Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await work(i); // warm up
  const started = process.cpuUsage();
  for (let i = 0; i < count; i++) await work(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / count;
};
const JOBS = Number(process.env.BENCH_JOBS ?? 100);

const server = await startPostgresServer();
const dir = mkdtempSync(join(tmpdir(), 'ticketboss-bench-fulfilment-'));
let child: Awaited<ReturnType<typeof startApiServer>> | undefined;
try {
  const db = createPostgresDb({ connectionString: server.url, maxConnections: 4 });
  await migrate(db);
  const outbox = new LocalOutboxSender(join(dir, 'bench-outbox'));
  const services = createServices({ db, live: { publish: async () => {} }, email: outbox });
  const venue = await services.admin.createVenue({ name: 'Bench Hall', city: 'York', timezone: 'Europe/London' });
  const theatre = generateTheatre('Bench Hall');
  const map = await services.admin.importSeatMap(venue.id, theatre);
  const eventId = await createOnSaleEvent(
    services,
    map.id,
    theatre.sections.map((s) => s.id),
    { name: 'Fulfilment Night', currency: 'GBP', perOrderLimit: 10 },
  );
  await services.identity.createStaff({
    email: 'bench@hall.example',
    password: 'bench-password-1',
    name: 'Bench Clerk',
    role: 'clerk',
    venueId: venue.id,
  });

  // --- 1. Payment → .eml on disk, through the API server --------------------------------------------------------------
  const port = await freePort();
  const varDir = join(dir, 'var');
  child = await startApiServer({ PORT: String(port), DATABASE_URL: server.url, VAR_DIR: varDir });
  const base = `http://127.0.0.1:${port}`;
  const json = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const session = (await json('POST', '/v1/auth/signin', { email: 'bench@hall.example', password: 'bench-password-1' }))
    .body as unknown as Session;
  const auth = { authorization: `Bearer ${session.accessToken}` };
  const mailDir = join(varDir, 'outbox');
  const latencies: number[] = [];
  let lastOrderId = '';
  for (let i = 0; i < SALES; i++) {
    const seat = theatre.seats[10 + i]!.id;
    const held = await json('POST', `/v1/events/${eventId}/holds`, { seatIds: [seat] }, auth);
    const before = new Set(existsSync(mailDir) ? readdirSync(mailDir) : []);
    const sold = await json(
      'POST',
      '/v1/orders',
      {
        holdId: held.body.id,
        buyer: { email: `buyer${i}@example.com`, name: `Buyer ${i}` },
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 100_000, currency: 'GBP' } },
      },
      { ...auth, 'idempotency-key': randomUUID() },
    );
    if (sold.body.state !== 'paid') throw new Error(JSON.stringify(sold.body));
    lastOrderId = String(sold.body.id);
    const paidAt = performance.now();
    for (;;) {
      if (existsSync(mailDir) && readdirSync(mailDir).some((f) => f.endsWith('.eml') && !before.has(f))) break;
      if (performance.now() - paidAt > 30_000) throw new Error('no email after 30 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    latencies.push(performance.now() - paidAt);
  }

  // --- 2. Composing, on one core, an order sold above ----------------------------------------------------------------
  const order = await services.orders.queries.viewForJobs(lastOrderId);
  const event = await services.catalog.detail(eventId);
  const sections = theatre.sections;
  const twoTickets: Order = { ...order, tickets: [...order.tickets, { ...order.tickets[0]!, id: randomUUID() }] };
  const tickets = printableTickets(twoTickets, event, sections);
  const receipt = printableReceipt(twoTickets, event, sections);
  const imagesPerSecond = await perSecond(() => renderTicketPng(tickets[0]!));
  const emailsPerSecond = await perSecond(() =>
    services.fulfilment!.compose(twoTickets, 'tickets', `<bench-${randomUUID()}@ticketboss>`),
  );
  const plainPerSecond = await perSecond(() =>
    composeEmail({
      kind: 'tickets',
      order: twoTickets,
      receipt,
      orderUrl: 'https://shop.example/o',
      messageId: '<p@t>',
      refundTerms: 'Tickets cannot be refunded on request.',
    }),
  );
  const baselineFloor = await perSecond(() =>
    new MailComposer({ from: 'a@b.example', to: 'c@d.example', subject: 's', text: 't' }).compile().build(),
  );
  // One ticket, its code new each time (a QR code is encoded once per ticket): what a one-seat purchase's job costs.
  const oneTicket = (i: number): Order => ({
    ...order,
    tickets: [{ ...order.tickets[0]!, id: randomUUID(), code: `${order.tickets[0]!.code}-${i}` }],
  });
  const oneTicketReceipt = printableReceipt(oneTicket(0), event, sections);
  const jobCpu = await cpuMsPer(JOBS, (i) =>
    services.fulfilment!.compose(oneTicket(i), 'tickets', `<bench-cpu-${i}@ticketboss>`),
  );
  const plainCpu = await cpuMsPer(JOBS, (i) =>
    composeEmail({
      kind: 'tickets',
      order: oneTicket(i),
      receipt: oneTicketReceipt,
      orderUrl: 'https://shop.example/o',
      messageId: `<p-${i}@t>`,
      refundTerms: 'Tickets cannot be refunded on request.',
    }),
  );
  await db.close();

  console.log(`\nCPU per one-ticket tickets email (${JOBS} jobs each)`);
  console.log(`  compose (image, 2 PDFs, MIME)                ${jobCpu.toFixed(2).padStart(6)} ms`);
  console.log(
    `  baseline: the same email without images/PDFs ${plainCpu.toFixed(2).padStart(6)} ms   ratio ${(jobCpu / plainCpu).toFixed(1)}`,
  );
  console.log(`\nComposing on one core (${COMPOSE_SECONDS} s each)`);
  console.log(`  ticket images (1200×500 PNG)                 ${imagesPerSecond.toFixed(0).padStart(6)} /s`);
  console.log(`  tickets emails (2 images, 2 PDFs, MIME)      ${emailsPerSecond.toFixed(0).padStart(6)} /s`);
  console.log(
    `  baseline: the same email without images/PDFs ${plainPerSecond.toFixed(0).padStart(6)} /s   ratio ${(emailsPerSecond / plainPerSecond).toFixed(3)}`,
  );
  console.log(`  floor: a one-line text message                ${baselineFloor.toFixed(0).padStart(6)} /s`);
  console.log(`\nPayment → .eml on disk (${SALES} sales, API server with the local outbox, real Postgres)`);
  console.log(
    `  p50 ${percentile(latencies, 50).toFixed(0)} ms   p99 ${percentile(latencies, 99).toFixed(0)} ms   max ${Math.max(...latencies).toFixed(0)} ms`,
  );
} finally {
  // The API first: it ends its outbox batch and closes its connections before Postgres goes.
  await stopApiServer(child);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
