// A guest's web order over a running cloud's HTTP API, as the shop makes one: hold, order (tickets by email), the
// sandbox's approval, payment completed. For tests that need a mailed ticket reached by its order link (the door,
// the phone's ticket page, transfers) without a browser doing the checkout.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SandboxPaymentProvider } from '../../cloud/adapters/payments/sandbox.ts';
import type { ApiResponse } from './api.ts';

export type JsonCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Pick<ApiResponse, 'status' | 'body'>>;

/** A JSON call to the cloud at `baseUrl`: the status and the parsed body. */
export const jsonCall =
  (baseUrl: string): JsonCall =>
  async (method, path, body, headers = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };

export interface GuestOrder {
  id: string;
  /** The order's code the buyer is told (TB-XXXX-XXXX). */
  code: string;
  accessToken: string;
  tickets: { id: string; code: string; seatId: string }[];
}

/** Buys the seats as a guest and pays through the sandbox; the order is paid, its tickets valid. */
export async function buyAsGuest(
  cloud: { url: string; sandbox: SandboxPaymentProvider },
  eventId: string,
  seatIds: string[],
  buyer: { email: string; name: string } = { email: 'ada@example.com', name: 'Ada Lovelace' },
): Promise<GuestOrder> {
  const api = jsonCall(cloud.url);
  const hold = await api('POST', `/v1/events/${eventId}/holds`, { seatIds });
  expect(hold.status, JSON.stringify(hold.body)).toBe(201);
  const created = await api(
    'POST',
    '/v1/orders',
    {
      holdId: hold.body.id,
      buyer,
      delivery: { method: 'email' },
      payment: { method: 'sandbox', returnUrl: `${cloud.url}/checkout/return` },
    },
    { 'x-hold-token': hold.body.token ?? '', 'idempotency-key': randomUUID() },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await cloud.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
  const paid = await api('POST', `/v1/orders/${created.body.id}/payments/complete`, undefined, {
    'x-order-token': created.body.accessToken,
    'idempotency-key': randomUUID(),
  });
  expect(paid.body.state).toBe('paid');
  return {
    id: created.body.id,
    code: paid.body.code,
    accessToken: created.body.accessToken,
    tickets: paid.body.tickets,
  };
}
