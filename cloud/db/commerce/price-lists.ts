// SQL for an event's price list: its ticket types (ticket_types), what each costs per tier (ticket_prices) and the
// tiers sold only with a presale code (event_commerce.hidden_tier_ids). Read as one PriceList; replaced as a whole.
import type { PriceList, TicketType } from '../../contract/index.ts';
import type { Queryable } from '../port.ts';

export interface TicketTypeRow {
  id: string;
  kind: TicketType['kind'];
  name: string;
  max_per_order: number | null;
  requires_check: string | null;
  accompanied_by: { adults: number; perTickets: number } | null;
}

/** The event's price list; null when the event has no ticket types (no such event). */
export async function loadPriceList(db: Queryable, eventId: string): Promise<PriceList | null> {
  const result = await db.query<{
    currency: string;
    hidden_tier_ids: string[];
    types: TicketTypeRow[] | null;
    entries: { tierId: string; ticketTypeId: string; amount: number; currency: string }[] | null;
  }>(
    `SELECT e.currency, COALESCE(c.hidden_tier_ids, '{}') AS hidden_tier_ids,
       (SELECT json_agg(json_build_object('id', t.id, 'kind', t.kind, 'name', t.name, 'max_per_order', t.max_per_order,
          'requires_check', t.requires_check, 'accompanied_by', t.accompanied_by) ORDER BY t.position)
        FROM ticket_types t WHERE t.event_id = e.id) AS types,
       (SELECT json_agg(json_build_object('tierId', p.tier_id, 'ticketTypeId', p.ticket_type_id, 'amount', p.amount,
          'currency', p.currency) ORDER BY r.rank, tt.position)
        FROM ticket_prices p JOIN price_tiers r ON r.id = p.tier_id JOIN ticket_types tt ON tt.id = p.ticket_type_id
        WHERE p.event_id = e.id) AS entries
     FROM events e LEFT JOIN event_commerce c ON c.event_id = e.id WHERE e.id = $1`,
    [eventId],
  );
  const row = result.rows[0];
  if (!row?.types) return null;
  return {
    eventId,
    currency: row.currency.trim(),
    ticketTypes: row.types.map((type) => ({
      id: type.id,
      kind: type.kind,
      name: type.name,
      maxPerOrder: type.max_per_order,
      requiresCheck: type.requires_check,
      accompaniedBy: type.accompanied_by,
    })),
    entries: (row.entries ?? []).map((entry) => ({ ...entry, currency: entry.currency.trim() })),
    hiddenTierIds: row.hidden_tier_ids,
  };
}

/**
 * Replaces the event's price list in the caller's transaction: its types (kept by id, so tickets sold as a type
 * keep naming it), their prices and its hidden tiers. The caller has checked the list against the event's tiers.
 */
export async function replacePriceList(tx: Queryable, list: PriceList): Promise<void> {
  await tx.query('DELETE FROM ticket_types WHERE event_id = $1', [list.eventId]);
  await tx.query(
    `INSERT INTO ticket_types (id, event_id, position, kind, name, max_per_order, requires_check, accompanied_by)
     SELECT t.id, $1, t.position - 1, t.kind, t.name, t.max_per_order, t.requires_check, t.accompanied_by
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[])
       WITH ORDINALITY AS t(id, kind, name, max_per_order, requires_check, accompanied_by, position)`,
    [
      list.eventId,
      list.ticketTypes.map((t) => t.id),
      list.ticketTypes.map((t) => t.kind),
      list.ticketTypes.map((t) => t.name),
      list.ticketTypes.map((t) => t.maxPerOrder),
      list.ticketTypes.map((t) => t.requiresCheck),
      list.ticketTypes.map((t) => (t.accompaniedBy ? JSON.stringify(t.accompaniedBy) : null)),
    ],
  );
  await tx.query(
    `INSERT INTO ticket_prices (event_id, tier_id, ticket_type_id, amount, currency)
     SELECT $1, p.tier_id, p.ticket_type_id, p.amount, $5 FROM unnest($2::uuid[], $3::uuid[], $4::int[])
       AS p(tier_id, ticket_type_id, amount)`,
    [
      list.eventId,
      list.entries.map((e) => e.tierId),
      list.entries.map((e) => e.ticketTypeId),
      list.entries.map((e) => e.amount),
      list.currency,
    ],
  );
  await tx.query(
    `INSERT INTO event_commerce (event_id, currency, hidden_tier_ids, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (event_id) DO UPDATE SET hidden_tier_ids = EXCLUDED.hidden_tier_ids, updated_at = now()`,
    [list.eventId, list.currency, list.hiddenTierIds],
  );
}

/** The tiers of the event sold only with a presale code (one row read: asked on every hold). */
export async function loadHiddenTierIds(db: Queryable, eventId: string): Promise<string[]> {
  const result = await db.query<{ hidden_tier_ids: string[] }>(
    'SELECT hidden_tier_ids FROM event_commerce WHERE event_id = $1',
    [eventId],
  );
  return result.rows[0]?.hidden_tier_ids ?? [];
}

/** The event's ticket types by id: what a ticket sold as one is named and checked for. */
export async function listTicketTypes(db: Queryable, eventId: string): Promise<Map<string, TicketTypeRow>> {
  const result = await db.query<TicketTypeRow>(
    `SELECT id, kind, name, max_per_order, requires_check, accompanied_by FROM ticket_types WHERE event_id = $1`,
    [eventId],
  );
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** Whether any of these ticket type ids belongs to another event (ids are global). */
export async function ticketTypesOfOtherEvents(db: Queryable, eventId: string, typeIds: string[]): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    'SELECT id FROM ticket_types WHERE id = ANY($1::uuid[]) AND event_id <> $2',
    [typeIds, eventId],
  );
  return result.rows.map((row) => row.id);
}
