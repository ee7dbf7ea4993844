// Kiosk sales at the card terminal (simulator) against the real local cloud: approved → paid with the terminal's
// reference; declined, no answer, card pulled out → nothing charged and the seats still held; approved but the hold
// is gone → the authorization is voided; the cloud unreachable before the quote → refused, nothing charged; approved
// with the cloud unreachable → queued with its key, applied once later.
import { apiRoutes } from '../../../cloud/contract/routes.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hold } from '../../../cloud/contract/index.ts';
import { SimulatedTerminal } from '../../../main/peripherals/card-terminal.ts';
import { sellWithTerminal } from '../../../main/sales/terminal-sale.ts';
import { CloudClient } from '../../../main/sync/cloud-client.ts';
import { openCache } from '../../../main/cache/database.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { OutboxPusher, httpSender } from '../../../main/sync/outbox-pusher.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('kiosk sale at the card terminal', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let client: CloudClient;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-kiosk-'));
  const buyer = { email: 'kiosk@example.com', name: 'Kiosk Buyer' };
  const delivery = { method: 'print_at_venue' as const };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Kiosk Night' });
    const kiosk = await cloud.services.identity.createDevice({ venueId: venue.id, kind: 'kiosk', name: 'Foyer' });
    client = new CloudClient(cloud.url);
    client.setToken(await cloud.issuer.issue({ sub: kiosk.id, groups: ['kiosk'], venueId: venue.id }));
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hold = async (seatId: string) => {
    const created = await client.call<Hold & { token: string }>(apiRoutes.createHold, `/v1/events/${eventId}/holds`, {
      body: { seatIds: [seatId] },
    });
    return { hold: created as Hold, holdToken: created.token };
  };
  const ordersFor = async (holdId: string) =>
    (await cloud.services.db.query<{ state: string }>('SELECT state FROM orders WHERE hold_id = $1', [holdId])).rows;

  it('approved: the order is paid with the terminal’s reference and card digits', async () => {
    const terminal = new SimulatedTerminal(['approve']);
    const sale = await hold('MAIN-A-1');
    const result = await sellWithTerminal(client, terminal, { ...sale, buyer, delivery });
    if (result.status !== 'paid') throw new Error(JSON.stringify(result.notice));
    expect(result.order).toMatchObject({ state: 'paid', channel: 'kiosk' });
    expect(result.order.payments[0]).toMatchObject({
      method: 'card_terminal',
      cardLast4: terminal.authorized[0]!.cardLast4,
    });
  });

  it('declined, no answer, or card pulled out: nothing charged, no order, the seats still held', async () => {
    for (const outcome of ['decline', 'timeout', 'card_removed'] as const) {
      const terminal = new SimulatedTerminal([outcome]);
      const sale = await hold(`MAIN-B-${['decline', 'timeout', 'card_removed'].indexOf(outcome) + 1}`);
      const result = await sellWithTerminal(client, terminal, { ...sale, buyer, delivery });
      expect(result.status).toBe(outcome === 'decline' ? 'declined' : outcome);
      // A code for the screen to word, never a sentence (the declined card's reason too).
      const notices = { decline: { code: 'card_declined', reason: 'issuer' }, timeout: { code: 'terminal_timeout' } };
      expect(result).toMatchObject({ notice: notices[outcome as keyof typeof notices] ?? { code: 'card_removed' } });
      expect(terminal.authorized).toEqual([]);
      expect(await ordersFor(sale.hold.id)).toEqual([]);
      const still = await client.call<Hold>(apiRoutes.getHold, `/v1/holds/${sale.hold.id}`);
      expect(still.status).toBe('active');
    }
  });

  it('approved but the hold is gone: the sale is refused and the card authorization voided', async () => {
    const terminal = new SimulatedTerminal(['approve']);
    const sale = await hold('MAIN-C-1');
    await client.call(apiRoutes.releaseHold, `/v1/holds/${sale.hold.id}`);
    const result = await sellWithTerminal(client, terminal, { ...sale, buyer, delivery });
    expect(result.status).toBe('refused');
    expect(terminal.voided).toEqual([terminal.authorized[0]!.reference]);
    expect(await ordersFor(sale.hold.id)).toEqual([]);
  });

  it('approved with the cloud unreachable: queued with its key and applied exactly once when pushed', async () => {
    const terminal = new SimulatedTerminal(['approve']);
    const sale = await hold('MAIN-D-1');
    // The cloud answers the quote (the card is asked for its total), then goes before the order is made.
    const offline = new CloudClient('http://127.0.0.1:9');
    offline.setToken(client.accessToken);
    const unreachable = offline.call.bind(offline);
    offline.call = ((route, path, init) =>
      route === apiRoutes.quoteHold
        ? client.call(route, path, init)
        : unreachable(route, path, init)) as typeof offline.call;
    const outbox = new Outbox(openCache(join(dir, 'kiosk.db')));
    const result = await sellWithTerminal(offline, terminal, { ...sale, buyer, delivery }, outbox);
    expect(result).toMatchObject({ status: 'queued', notice: { code: 'paid_queued' } });
    expect(terminal.voided).toEqual([]);
    const pusher = new OutboxPusher(
      outbox,
      httpSender(cloud.url, () => client.accessToken),
    );
    expect(await pusher.push()).toEqual({ applied: 1, rejected: 0, stopped: false });
    expect(await ordersFor(sale.hold.id)).toEqual([{ state: 'paid' }]);
  });

  it('asks the card for the quoted total, and refuses without charging when the cloud cannot price the sale', async () => {
    const terminal = new SimulatedTerminal(['approve']);
    const sale = await hold('MAIN-D-2');
    const result = await sellWithTerminal(client, terminal, { ...sale, buyer, delivery });
    expect(result.status).toBe('paid');
    if (result.status !== 'paid') return;
    expect(terminal.authorized[0]!.amount).toEqual(result.order.total);
    const gone = new CloudClient('http://127.0.0.1:9');
    gone.setToken(client.accessToken);
    const idle = new SimulatedTerminal(['approve']);
    const refused = await sellWithTerminal(gone, idle, { ...(await hold('MAIN-D-3')), buyer, delivery });
    expect(refused.status).toBe('refused');
    expect(idle.authorized).toEqual([]);
  });
});
