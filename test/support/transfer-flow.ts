// Transfers through the HTTP API for tests (issue 19): an email sender that records what a reader sees, a guest's
// paid order, a transfer sent by the order's link and accepted by the emailed one.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { EmailSender, OutgoingEmail } from '../../cloud/services/fulfilment/ports.ts';
import type { TestApi } from './api.ts';
import type { World } from './world.ts';

export const RETURN_URL = 'https://shop.example/checkout/return';

export class RecordingSender implements EmailSender {
  readonly sent: { to: string; text: string }[] = [];
  async send(email: OutgoingEmail) {
    // The text as a reader sees it: quoted-printable's soft breaks and escapes undone.
    // Bytes kept one char each (latin1) until the escapes are bytes too, then read as the UTF-8 they are.
    const bytes = email.raw
      .toString('latin1')
      .replace(/=\r?\n/gu, '')
      .replace(/=([0-9A-F]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    this.sent.push({ to: email.to, text: Buffer.from(bytes, 'latin1').toString('utf8') });
  }
  /** The accept link in the last transfer email to `to`. */
  acceptToken(to: string): string {
    const mail = this.sent.filter((m) => m.to === to && m.text.includes('/transfer/accept?token=')).at(-1);
    const match = /\/transfer\/accept\?token=([\w.%-]+)/u.exec(mail?.text ?? '');
    return decodeURIComponent(match![1]!);
  }
}

export interface PaidOrder {
  id: string;
  accessToken: string;
  tickets: { id: string; code: string; seatId: string }[];
}

/** A paid order of the seats: a guest's, or an account's when `account` is given (bought signed in). */
export async function buyPaid(
  api: TestApi,
  world: World,
  seatIds: string[],
  name = 'Ada Lovelace',
  account?: { bearer: string; email: string },
): Promise<PaidOrder> {
  const bearer = account ? { bearer: account.bearer } : {};
  const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, ...bearer });
  const created = await api.call('POST', '/v1/orders', {
    body: {
      holdId: hold.body.id,
      buyer: { email: account?.email ?? 'ada@example.com', name },
      delivery: { method: 'email' },
      payment: { method: 'sandbox', returnUrl: RETURN_URL },
    },
    holdToken: hold.body.token,
    idempotencyKey: randomUUID(),
    ...bearer,
  });
  const order = created.body as { id: string; accessToken: string; payments: { redirectUrl: string }[] };
  await world.sandbox.decide(order.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve', 'approve');
  const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
    orderToken: order.accessToken,
    idempotencyKey: randomUUID(),
  });
  expect(paid.body.state).toBe('paid');
  await world.services.outbox.runDue(50);
  return { id: order.id, accessToken: order.accessToken, tickets: paid.body.tickets };
}

/** Passes the tickets of `from` on to `to` and accepts them by the emailed link: the recipient's order. */
export async function passOn(
  api: TestApi,
  world: World,
  mail: RecordingSender,
  from: { id: string; accessToken: string },
  ticketIds: string[],
  to: { email: string; name: string; locale?: 'en' | 'de' | 'ar' },
): Promise<PaidOrder> {
  const sent = await api.call('POST', `/v1/orders/${from.id}/transfers`, {
    orderToken: from.accessToken,
    body: { ticketIds, recipient: { email: to.email, name: to.name }, ...(to.locale ? { locale: to.locale } : {}) },
    idempotencyKey: randomUUID(),
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  await world.services.outbox.runDue(50);
  const accepted = await api.call('POST', `/v1/transfers/${encodeURIComponent(mail.acceptToken(to.email))}/accept`, {
    body: {},
    idempotencyKey: randomUUID(),
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  const order = await api.call('GET', `/v1/orders/${accepted.body.orderId}`, { orderToken: accepted.body.accessToken });
  await world.services.outbox.runDue(50);
  return { id: accepted.body.orderId, accessToken: accepted.body.accessToken, tickets: order.body.tickets };
}
