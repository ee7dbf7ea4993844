// A clerk's cash sale at the venue's counter through the API, its tickets emailed: the quickest way to a paid order
// with an email job queued (fulfilment's tests).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { apiPaths } from '../../cloud/contract/routes.ts';
import type { TestApi } from './api.ts';
import type { World } from './world.ts';

export interface CounterSale {
  id: string;
  code: string;
  accessToken: string;
}

/** Sells these seats of the world's event for cash, by a clerk of its venue, to `email` (in `locale` when given). */
export async function counterSale(
  api: TestApi,
  world: World,
  seatIds: string[],
  email: string,
  locale?: string,
): Promise<CounterSale> {
  const clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
  const hold = await api.call('POST', apiPaths.eventHolds(world.eventId), { body: { seatIds }, bearer: clerk });
  expect(hold.status, JSON.stringify(hold.body)).toBe(201);
  const order = await api.call('POST', apiPaths.orders(), {
    body: {
      holdId: hold.body.id,
      buyer: { email, name: 'Ada Lovelace' },
      delivery: { method: 'email' },
      payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      ...(locale ? { locale } : {}),
    },
    bearer: clerk,
    idempotencyKey: randomUUID(),
  });
  expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
  return order.body as CounterSale;
}
