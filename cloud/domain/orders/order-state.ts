// The order state machine: pending_payment → paid → (partially_)refunded | cancelled. Every change of an order's
// state goes through `transition`, so a forbidden move is an error here, not a surprise in the database.
// The states themselves are the contract's (one definition for the API, the domain and the database).
import { OrderState } from '../../contract/index.ts';
import { DomainError } from '../errors.ts';

export type { OrderState } from '../../contract/index.ts';
export const ORDER_STATES = OrderState.options;

export type OrderEvent =
  /** The payment was captured and the seats were sold. */
  | 'payment_captured'
  /** The buyer gave up, the payment was declined for good, or it came too late for the seats: nothing sold. */
  | 'abandoned'
  /** Some of the order's tickets were refunded, others stay valid. */
  | 'refunded_in_part'
  /** The last valid tickets were refunded. */
  | 'refunded_in_full'
  /** Staff cancelled the order as a whole: every ticket void, the money back. */
  | 'cancelled_by_staff';

const MOVES: Record<OrderState, Partial<Record<OrderEvent, OrderState>>> = {
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

export function canTransition(from: OrderState, event: OrderEvent): boolean {
  return MOVES[from][event] !== undefined;
}

export function transition(from: OrderState, event: OrderEvent): OrderState {
  const to = MOVES[from][event];
  if (!to) {
    throw new DomainError(
      'order_state_conflict',
      `An order that is ${from.replace('_', ' ')} cannot be ${describe[event]}.`,
    );
  }
  return to;
}

const describe: Record<OrderEvent, string> = {
  payment_captured: 'paid',
  abandoned: 'abandoned',
  refunded_in_part: 'refunded in part',
  refunded_in_full: 'refunded',
  cancelled_by_staff: 'cancelled',
};

/** Tickets still valid after a refund decide which refund event it is. */
export const refundEvent = (validTicketsLeft: number): OrderEvent =>
  validTicketsLeft > 0 ? 'refunded_in_part' : 'refunded_in_full';

/** Orders whose tickets can be used or refunded. */
export const hasValidTickets = (state: OrderState): boolean => state === 'paid' || state === 'partially_refunded';
