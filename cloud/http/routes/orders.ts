// Order routes: check out a hold, complete or retry the payment, see an order, list mine, staff search, refunds and
// cancellations. Every mutating route needs an Idempotency-Key.
import { WalletPassesOffered } from '../../contract/passes.ts'; // passes (issue 19)
import { z } from 'zod';
import {
  CancelOrder,
  CreateOrder,
  CreateRefund,
  ExchangeQuote,
  ExchangeQuoteRequest,
  ExchangeRequest,
  ExchangeResult,
  RefundQuote,
  RefundQuoteRequest,
  CreatedOrder,
  Order,
  OrderList,
  OrderSearch,
  PaymentRequest,
  ShiftReport,
  ShiftReportQuery,
} from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import { shiftReport } from '../../services/orders/shift-report.ts';
import type { Services } from '../../services/index.ts';
import type { OrderAccess } from '../../services/access/order-access.ts';
import { endpoint, problem, route, type RouteInput } from '../route.ts';
import { admissionHeaders, admissionHeadersOf } from './queue.ts';
import { HOLD_TOKEN_HEADER } from './holds.ts';

export const ORDER_TOKEN_HEADER = apiHeaderKeys.orderToken;
const OrderParams = z.object({ orderId: z.uuid() });
const idempotencyHeader = {
  name: apiHeaders.idempotencyKey,
  description: 'A key of your own for this request (a UUID); send the same key when you retry it',
  required: true,
};
const holdTokenHeader = { name: apiHeaders.holdToken, description: "The new hold's token (when not the clerk's own)" };
const orderTokenHeader = { name: apiHeaders.orderToken, description: "The order's access token (guest checkout)" };
const keyProblems = {
  400: problem('Invalid request, or no Idempotency-Key'),
  422: problem('The Idempotency-Key was used for a different request'),
};

const accessOf = (input: RouteInput<unknown, unknown, unknown>): OrderAccess => {
  const orderToken = input.c.req.header(ORDER_TOKEN_HEADER);
  return { ...(orderToken ? { orderToken } : {}), ...(input.principal ? { principal: input.principal } : {}) };
};

export function orderRoutes(services: Services) {
  return [
    route({
      ...endpoint('shopConfig'),
      summary: 'What the web shop needs to know of this deployment: the payment methods and wallets it offers',
      tags: ['orders'],
      responses: {
        200: {
          description: 'Configuration',
          schema: z.object({
            paymentMethods: z.array(z.enum(['amazon_pay', 'sandbox'])),
            walletPasses: WalletPassesOffered, // passes (issue 19)
          }),
        },
      },
      handler: async ({ c }) =>
        c.json({ paymentMethods: services.payments.webMethods(), walletPasses: services.passes.wallet.offered() }),
    }),
    route({
      ...endpoint('createOrder'),
      summary: 'Check out a hold: web payments answer with the approval page; terminal and cash sales are paid at once',
      tags: ['orders'],
      body: CreateOrder,
      bodyLimit: 16 * 1024,
      headers: [
        idempotencyHeader,
        { name: apiHeaders.holdToken, description: 'The token of the hold (when not signed in)' },
        ...admissionHeaders,
      ],
      security: 'bearer-optional',
      rateLimit: { bucket: 'orders', limit: 30, windowSeconds: 60 },
      responses: {
        201: { description: 'The order; keep accessToken to see it again without an account', schema: CreatedOrder },
        ...keyProblems,
        403: problem('Not allowed to sell for this venue; or a queued event whose admission is not valid or expired'),
        404: problem('No such hold, or not yours'),
        409: problem('The hold is no longer active, or already has an order'),
        410: problem('The hold has expired'),
        428: problem('A queued event: admission through its waiting room required (admission_required)'),
        429: problem('Too many requests'),
      },
      idempotent: {
        status: 201,
        // The key claimed by the hold's read (Checkout.create).
        claimInWork: true,
        run: (input, handle) => {
          const holdToken = input.c.req.header(HOLD_TOKEN_HEADER);
          const admission = admissionHeadersOf((name) => input.c.req.header(name)); // the on-sale
          return services.orders.checkout.create(
            input.body,
            {
              ...(input.principal ? { principal: input.principal } : {}),
              ...(holdToken ? { holdToken } : {}),
              admission,
            },
            handle,
          );
        },
      },
    }),
    route({
      ...endpoint('getOrder'),
      summary: 'An order, to its buyer (account or order token), staff of its venue, or the device that sold it',
      tags: ['orders'],
      params: OrderParams,
      headers: [orderTokenHeader],
      security: 'bearer-optional',
      responses: { 200: { description: 'The order', schema: Order }, 404: problem('No such order, or not yours') },
      handler: async (input) =>
        input.c.json(await services.orders.queries.get(input.params.orderId, accessOf(input)), 200, {
          'cache-control': 'no-store',
        }),
    }),
    route({
      ...endpoint('completePayment'),
      summary: 'After the buyer approved at the provider: capture the amount and issue the tickets',
      tags: ['orders'],
      params: OrderParams,
      headers: [idempotencyHeader, orderTokenHeader],
      security: 'bearer-optional',
      responses: {
        200: {
          description: 'The order: paid with tickets, or cancelled and refunded if its seats went meanwhile',
          schema: Order,
        },
        ...keyProblems,
        402: problem('The payment was declined'),
        404: problem('No such order, or not yours'),
        409: problem('The order is not waiting for this payment'),
        503: problem('The payment provider did not answer; retry with the same key'),
      },
      idempotent: {
        status: 200,
        // The key claimed by the order's read (PaymentCompletion.start).
        claimInWork: true,
        run: (input, handle) =>
          services.orders.paymentCompletion.complete(input.params.orderId, accessOf(input), handle),
      },
    }),
    route({
      ...endpoint('retryPayment'),
      summary: 'Start a new payment for an order whose last payment was declined',
      tags: ['orders'],
      params: OrderParams,
      body: PaymentRequest,
      headers: [idempotencyHeader, orderTokenHeader],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The order with the new payment to approve', schema: Order },
        ...keyProblems,
        404: problem('No such order, or not yours'),
        409: problem('The order is not waiting for a payment'),
      },
      idempotent: {
        status: 200,
        run: (input, handle) =>
          services.orders.checkout.retryPayment(input.params.orderId, input.body, accessOf(input), handle),
      },
    }),
    route({
      ...endpoint('shiftReport'),
      summary:
        "End of shift: this box office's (or clerk's) sales and refunds per payment method, and the cash expected",
      tags: ['orders'],
      query: ShiftReportQuery,
      security: 'bearer',
      access: { capability: 'boxoffice:sell', devices: ['boxoffice'] },
      responses: {
        200: { description: 'The report', schema: ShiftReport },
        400: problem('Invalid period'),
        401: problem('Not signed in'),
        403: problem('Not box office'),
      },
      handler: async ({ query, principal, c }) =>
        c.json(await shiftReport(services.db, principal, query, services.clock.now()), 200, {
          'cache-control': 'no-store',
        }),
    }),
    route({
      ...endpoint('listMyOrders'),
      summary: "The signed-in customer's orders, newest first",
      tags: ['orders'],
      security: 'bearer',
      access: 'signed-in',
      responses: { 200: { description: 'Orders', schema: OrderList }, 401: problem('Not signed in') },
      handler: async ({ principal, c }) =>
        c.json({ orders: await services.orders.queries.listMine(principal) }, 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('searchOrders'),
      summary: 'Staff search by email, name, order code or the last 4 digits of the card',
      tags: ['orders'],
      query: OrderSearch,
      security: 'bearer',
      access: { capability: 'boxoffice:sell', devices: ['boxoffice'] },
      responses: {
        200: { description: 'Matching orders, newest first', schema: OrderList },
        401: problem('Not signed in'),
        403: problem('Not staff'),
      },
      handler: async ({ query, principal, c }) =>
        c.json({ orders: await services.orders.queries.search(query.q, principal, query.limit) }, 200, {
          'cache-control': 'no-store',
        }),
    }),
    route({
      ...endpoint('refundOrder'),
      summary: 'Refund chosen tickets, or all valid ones: seats go back on sale, money back the way it came',
      tags: ['orders'],
      params: OrderParams,
      body: CreateRefund,
      headers: [idempotencyHeader],
      security: 'bearer',
      access: { capability: ['boxoffice:sell', 'orders:manage'] },
      responses: {
        200: { description: 'The order after the refund', schema: Order },
        ...keyProblems,
        401: problem('Not signed in'),
        403: problem('Not box-office staff'),
        404: problem('No such order'),
        409: problem('Nothing to refund in this state'),
      },
      idempotent: {
        status: 200,
        run: (input, handle) =>
          services.orders.refunds.refund(input.params.orderId, input.body, input.principal, handle),
      },
    }),
    route({
      ...endpoint('quoteRefund'),
      summary:
        'What a refund of chosen tickets (or the cancellation of the whole order) would give back now, part by part; ' +
        'nothing changes (the box office asks the card terminal for this amount)',
      tags: ['orders'],
      params: OrderParams,
      body: RefundQuoteRequest,
      security: 'bearer',
      access: { capability: ['boxoffice:sell', 'orders:manage'] },
      responses: {
        200: { description: 'The amount and its parts', schema: RefundQuote },
        400: problem('Invalid request, or a ticket that is not a valid ticket of the order'),
        401: problem('Not signed in'),
        403: problem('Not box-office staff'),
        404: problem('No such order'),
        409: problem('Nothing to refund in this state'),
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await services.orders.refunds.quote(params.orderId, body, principal), 200, {
          'cache-control': 'no-store',
        }),
    }),
    route({
      ...endpoint('cancelOrder'),
      summary: 'Cancel a whole order: tickets void, seats back on sale, a full refund',
      tags: ['orders'],
      params: OrderParams,
      body: CancelOrder,
      headers: [idempotencyHeader],
      security: 'bearer',
      access: { capability: ['boxoffice:sell', 'orders:manage'] },
      responses: {
        200: { description: 'The cancelled order', schema: Order },
        ...keyProblems,
        401: problem('Not signed in'),
        403: problem('Not box-office staff'),
        404: problem('No such order'),
        409: problem('Already refunded or cancelled'),
      },
      idempotent: {
        status: 200,
        run: (input, handle) =>
          services.orders.refunds.cancel(input.params.orderId, input.body, input.principal, handle),
      },
    }),
    route({
      ...endpoint('quoteExchange'),
      summary:
        'What exchanging chosen tickets for a new hold of the same venue would credit, cost and leave to pay (or give ' +
        'back); nothing changes',
      tags: ['orders'],
      params: OrderParams,
      body: ExchangeQuoteRequest,
      headers: [holdTokenHeader],
      security: 'bearer',
      access: { capability: ['boxoffice:sell', 'orders:manage'] },
      responses: {
        200: { description: 'The credit, the new total, the difference and the new breakdown', schema: ExchangeQuote },
        400: problem('Invalid request, a ticket that is not a valid ticket of the order, or a hold of another venue'),
        401: problem('Not signed in'),
        403: problem('Not box-office staff'),
        404: problem('No such order or hold'),
        409: problem('Nothing to exchange in this state'),
      },
      handler: async (input) => {
        const holdToken = input.c.req.header(HOLD_TOKEN_HEADER);
        const access = { principal: input.principal, ...(holdToken ? { holdToken } : {}) };
        return input.c.json(await services.orders.exchanges.quote(input.params.orderId, input.body, access), 200, {
          'cache-control': 'no-store',
        });
      },
    }),
    route({
      ...endpoint('exchangeTickets'),
      summary:
        'Exchange chosen tickets for a new hold of the same venue (another seat or date), in one order change: the ' +
        'tickets void and their seats back on sale, a new paid order, the difference paid or given back',
      tags: ['orders'],
      params: OrderParams,
      body: ExchangeRequest,
      headers: [idempotencyHeader, holdTokenHeader],
      security: 'bearer',
      access: { capability: ['boxoffice:sell', 'orders:manage'] },
      responses: {
        201: { description: 'Both orders after the exchange, and its money', schema: ExchangeResult },
        ...keyProblems,
        401: problem('Not signed in'),
        403: problem('Not box-office staff'),
        404: problem('No such order or hold'),
        409: problem('Nothing to exchange, or the new seats or hold are gone (nothing changed)'),
        410: problem('The new hold has expired (nothing changed)'),
      },
      idempotent: {
        status: 201,
        run: (input, handle) => {
          const holdToken = input.c.req.header(HOLD_TOKEN_HEADER);
          const access = { principal: input.principal, ...(holdToken ? { holdToken } : {}) };
          return services.orders.exchanges.exchange(input.params.orderId, input.body, access, handle);
        },
      },
    }),
    route({
      ...endpoint('pickUpOrder'),
      summary: 'Will-call: hand the tickets of a paid order over at the counter (once)',
      tags: ['orders'],
      params: OrderParams,
      security: 'bearer',
      access: { capability: 'boxoffice:sell', devices: ['boxoffice'] },
      responses: {
        200: { description: 'The order, picked up', schema: Order },
        401: problem('Not signed in'),
        403: problem('Not box-office staff'),
        404: problem('No such order'),
        409: problem('Not a will-call order, not paid, or picked up already (the detail says when)'),
      },
      handler: async ({ params, principal, c }) =>
        c.json(await services.orders.handOver.pickUp(params.orderId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('resendTickets'),
      summary: 'Email the tickets and receipt again (the buyer, with the order token or signed in; or venue staff)',
      tags: ['orders'],
      params: OrderParams,
      headers: [orderTokenHeader],
      rateLimit: { bucket: 'resend', limit: 5, windowSeconds: 60 },
      responses: {
        202: { description: 'Queued', schema: z.object({ jobId: z.uuid() }) },
        404: problem('No such order'),
        409: problem('No valid tickets, or no email address'),
        429: problem('Too many resends; see Retry-After'),
      },
      security: 'bearer-optional',
      handler: async (input) =>
        input.c.json(await services.orders.handOver.resendTickets(input.params.orderId, accessOf(input)), 202),
    }),
  ];
}
