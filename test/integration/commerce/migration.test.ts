// Migration 0010 on a database that already sells: every existing event gets one Adult type priced at each tier's
// price, no fees, and its sold tickets become Adult tickets at the price they were sold for. Nothing sold changes.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDb } from '../../../cloud/db/pglite.ts';
import { migrate } from '../../../cloud/db/migrate.ts';
import { loadPriceList } from '../../../cloud/db/commerce/price-lists.ts';
import { loadFeeSettings } from '../../../cloud/db/commerce/event-settings.ts';
import type { Db } from '../../../cloud/db/port.ts';

const DIR = fileURLToPath(new URL('../../../cloud/db/migrations/', import.meta.url));
const ids = {
  venue: '00000000-0000-4000-8000-000000000001',
  map: '00000000-0000-4000-8000-000000000002',
  event: '00000000-0000-4000-8000-000000000003',
  front: '00000000-0000-4000-8000-000000000004',
  back: '00000000-0000-4000-8000-000000000005',
  hold: '00000000-0000-4000-8000-000000000006',
  order: '00000000-0000-4000-8000-000000000007',
  ticket: '00000000-0000-4000-8000-000000000008',
};

describe('migration 0010 over events already on sale', () => {
  let db: Db;

  beforeAll(async () => {
    db = await createPgliteDb();
    await db.query(
      `CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    for (const file of (await readdir(DIR)).filter((name) => name < '0010').sort()) {
      await db.transaction(async (tx) => {
        await tx.exec(await readFile(DIR + file, 'utf8'));
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file.slice(0, -4)]);
      });
    }
    await db.transaction(async (tx) => {
      await tx.exec(`
        INSERT INTO venues (id, name, city, timezone) VALUES ('${ids.venue}', 'Hall', 'Bonn', 'Europe/Berlin');
        INSERT INTO seatmaps (id, venue_id, name, version, width, height, stage, seat_count, ga_capacity, etag)
          VALUES ('${ids.map}', '${ids.venue}', 'Hall', 1, 100, 100, '{}', 0, 0, '"x"');
        INSERT INTO events (id, venue_id, seatmap_id, name, starts_at, on_sale_from, on_sale_until, status,
            per_order_limit, hold_ttl_seconds, currency)
          VALUES ('${ids.event}', '${ids.venue}', '${ids.map}', 'Old show', '2030-02-01Z', '2030-01-01Z', '2030-01-31Z',
            'on_sale', 8, 600, 'EUR');
        INSERT INTO price_tiers (id, event_id, rank, name, price_amount, currency, color) VALUES
          ('${ids.front}', '${ids.event}', 0, 'Front', 7000, 'EUR', '#000000'),
          ('${ids.back}', '${ids.event}', 1, 'Back', 3000, 'EUR', '#ffffff');
        INSERT INTO holds (id, event_id, token_hash, state, ga_section_id, ga_quantity, total_amount, currency, expires_at)
          VALUES ('${ids.hold}', '${ids.event}', 'x', 'converted', 'PIT', 1, 3000, 'EUR', '2030-01-10Z');
        INSERT INTO orders (id, code, event_id, venue_id, hold_id, state, channel, buyer_email, buyer_name, delivery,
            payment_method, total_amount, currency, access_token_hash, created_at, updated_at, paid_at)
          VALUES ('${ids.order}', 'TB-OLD1-OLD1', '${ids.event}', '${ids.venue}', '${ids.hold}', 'paid', 'web',
            'a@example.com', 'A', '{"method":"email"}', 'sandbox', 3000, 'EUR', 'x', now(), now(), now());
        INSERT INTO tickets (id, order_id, event_id, ga_section_id, tier_id, price_amount, currency, code, issued_at)
          VALUES ('${ids.ticket}', '${ids.order}', '${ids.event}', 'PIT', '${ids.back}', 3000, 'EUR', 'code', now());
      `);
    });
    expect(await migrate(db)).toContain('0010_commerce');
  });
  afterAll(async () => db.close());

  it('prices the old event as before: one Adult type at each tier’s price, no fees', async () => {
    const list = (await loadPriceList(db, ids.event))!;
    expect(list.ticketTypes).toEqual([
      expect.objectContaining({ kind: 'adult', name: 'Adult', maxPerOrder: null, accompaniedBy: null }),
    ]);
    const adultId = list.ticketTypes[0]!.id;
    expect(list.entries).toEqual([
      { tierId: ids.front, ticketTypeId: adultId, amount: 7000, currency: 'EUR' },
      { tierId: ids.back, ticketTypeId: adultId, amount: 3000, currency: 'EUR' },
    ]);
    expect(list.hiddenTierIds).toEqual([]);
    expect(await loadFeeSettings(db, ids.event)).toEqual({
      currency: 'EUR',
      serviceFee: null,
      orderFee: null,
      deliveryFees: [],
    });
  });

  it('keeps what was sold: the ticket is an Adult ticket at its price, the order has no breakdown', async () => {
    const ticket = await db.query<{ ticket_type_name: string; price_amount: number; ticket_type_id: string }>(
      'SELECT ticket_type_name, price_amount, ticket_type_id FROM tickets WHERE id = $1',
      [ids.ticket],
    );
    expect(ticket.rows[0]).toMatchObject({ ticket_type_name: 'Adult', price_amount: 3000 });
    const list = (await loadPriceList(db, ids.event))!;
    expect(ticket.rows[0]!.ticket_type_id).toBe(list.ticketTypes[0]!.id);
    const order = await db.query('SELECT total_amount, price_breakdown FROM orders WHERE id = $1', [ids.order]);
    expect(order.rows[0]).toEqual({ total_amount: 3000, price_breakdown: null });
  });
});
