// The order state machine, order codes, provider idempotency keys, request hashes and signed ticket codes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  ORDER_STATES,
  canTransition,
  transition,
  type OrderEvent,
  type OrderState,
} from '../../../cloud/domain/orders/order-state.ts';
import {
  newOrderCode,
  normalizeOrderCode,
  providerIdempotencyKey,
  requestHash,
} from '../../../cloud/domain/orders/codes.ts';
import { signTicketCode, ticketKeyId, verifyTicketCode } from '../../../cloud/domain/tickets/ticket-code.ts';

const EVENTS: OrderEvent[] = [
  'payment_captured',
  'abandoned',
  'refunded_in_part',
  'refunded_in_full',
  'cancelled_by_staff',
];

describe('order state machine', () => {
  const allowed: Record<OrderState, Partial<Record<OrderEvent, OrderState>>> = {
    pending_payment: { payment_captured: 'paid', abandoned: 'cancelled', cancelled_by_staff: 'cancelled' },
    paid: { refunded_in_part: 'partially_refunded', refunded_in_full: 'refunded', cancelled_by_staff: 'cancelled' },
    partially_refunded: {
      refunded_in_part: 'partially_refunded',
      refunded_in_full: 'refunded',
      cancelled_by_staff: 'cancelled',
    },
    refunded: {},
    cancelled: {},
  };

  for (const from of ORDER_STATES) {
    for (const event of EVENTS) {
      const to = allowed[from][event];
      it(`${from} --${event}--> ${to ?? 'refused'}`, () => {
        expect(canTransition(from, event)).toBe(to !== undefined);
        if (to) expect(transition(from, event)).toBe(to);
        else
          expect(() => transition(from, event)).toThrowError(expect.objectContaining({ code: 'order_state_conflict' }));
      });
    }
  }

  it('no sequence of events ever leaves a final state or gets paid twice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 20 }), (events) => {
        let state: OrderState = 'pending_payment';
        let payments = 0;
        for (const event of events) {
          if (!canTransition(state, event)) continue;
          if (state === 'refunded' || state === 'cancelled') throw new Error('left a final state');
          if (event === 'payment_captured') payments++;
          state = transition(state, event);
        }
        expect(payments).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('order codes', () => {
  it('are TB-XXXX-XXXX in an alphabet without I, L, O, U, and read back from sloppy typing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
        const code = newOrderCode(bytes);
        expect(code).toMatch(/^TB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normalizeOrderCode(code)).toBe(code);
        expect(normalizeOrderCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
      }),
    );
    expect(normalizeOrderCode('TB-0O1L-ABCD')).toBe('TB-0011-ABCD');
    expect(normalizeOrderCode('hello')).toBeNull();
  });
});

describe('provider idempotency keys', () => {
  it('fit Amazon Pay (at most 32 of [A-Za-z0-9_-]), are stable, and differ per purpose and per id', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.stringMatching(/^[a-z0-9]{1,9}$/), (uuid, purpose) => {
        const key = providerIdempotencyKey(uuid, purpose);
        expect(key).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
        expect(providerIdempotencyKey(uuid, purpose)).toBe(key);
      }),
    );
    const id = randomUUID();
    expect(providerIdempotencyKey(id, 'complete')).not.toBe(providerIdempotencyKey(id, 'refund'));
    expect(providerIdempotencyKey(id, 'refund')).not.toBe(providerIdempotencyKey(randomUUID(), 'refund'));
  });
});

describe('request hashes', () => {
  it('ignore key order but not values, paths or methods', () => {
    const a = requestHash('POST', '/v1/orders', { b: 1, a: { y: [1, 2], x: 'z' } });
    expect(requestHash('post', '/v1/orders', { a: { x: 'z', y: [1, 2] }, b: 1 })).toBe(a);
    expect(requestHash('POST', '/v1/orders', { b: 2, a: { y: [1, 2], x: 'z' } })).not.toBe(a);
    expect(requestHash('POST', '/v1/orders', { b: 1, a: { y: [2, 1], x: 'z' } })).not.toBe(a);
    expect(requestHash('POST', '/v1/orders/x', { b: 1, a: { y: [1, 2], x: 'z' } })).not.toBe(a);
  });
});

describe('ticket codes', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('verify offline with the public key and give back the ticket, event, seat and key', () => {
    const fields = { ticketId: randomUUID(), eventId: randomUUID(), seat: 'ORCH-C-12-34' };
    const code = signTicketCode(privateKey, fields);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(170);
    expect(verifyTicketCode(publicKey, code)).toEqual({ ...fields, keyId: ticketKeyId(publicKey) });
    expect(ticketKeyId(privateKey)).toBe(ticketKeyId(publicKey));
    const standing = signTicketCode(privateKey, { ...fields, seat: 'ga:PIT' });
    expect(verifyTicketCode(publicKey, standing)?.seat).toBe('ga:PIT');
  });

  it('rotate keys: a code names its key, and verifies while that key is still among the public keys', () => {
    const next = generateKeyPairSync('ed25519');
    const before = signTicketCode(privateKey, { ticketId: randomUUID(), eventId: randomUUID(), seat: 'A-1' });
    const after = signTicketCode(next.privateKey, { ticketId: randomUUID(), eventId: randomUUID(), seat: 'A-2' });
    const both = [publicKey, next.publicKey];
    expect(verifyTicketCode(both, before)?.keyId).toBe(ticketKeyId(publicKey));
    expect(verifyTicketCode(both, after)?.keyId).toBe(ticketKeyId(next.publicKey));
    // The old key retired: its codes no longer pass.
    expect(verifyTicketCode([next.publicKey], before)).toBeNull();
  });

  it('reject any altered character, another key, and junk', () => {
    const code = signTicketCode(privateKey, { ticketId: randomUUID(), eventId: randomUUID(), seat: 'MAIN-A-1' });
    fc.assert(
      fc.property(fc.nat(code.length - 2), fc.constantFrom(...'ABCxyz019_-'), (at, c) => {
        fc.pre(code[at] !== c);
        expect(verifyTicketCode(publicKey, code.slice(0, at) + c + code.slice(at + 1))).toBeNull();
      }),
    );
    expect(verifyTicketCode(generateKeyPairSync('ed25519').publicKey, code)).toBeNull();
    expect(verifyTicketCode(publicKey, 'not a code')).toBeNull();
    expect(verifyTicketCode(publicKey, '')).toBeNull();
  });
});
