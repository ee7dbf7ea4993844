// Orders in the back office: search, the order page, refunds and cancellation (with an Idempotency-Key, like the box
// office's), the tickets sent again, the buyer's email changed, notes. Staff with orders:manage at the order's venue;
// to anyone else's staff the order does not exist.
import {
  AddOrderNote,
  AdminOrder,
  AdminOrderPage,
  AdminOrderSearch,
  CancelOrder,
  ChangeBuyerEmail,
  CreateRefund,
  Order,
  OrderNote,
  RefundQuote,
  RefundQuoteRequest,
  ResentTickets,
} from '../../contract/index.ts';
import { apiHeaders } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { OrderParams, endpoint, problem, route, staffProblems as problemsOf } from './admin-common.ts';

const idempotencyHeader = {
  name: apiHeaders.idempotencyKey,
  description: 'A key of your own for this request (a UUID); send the same key when you retry it',
  required: true,
};
const staffProblems = problemsOf('manage orders', 'order');
const keyProblems = {
  400: problem('Invalid request, or no Idempotency-Key'),
  422: problem('The Idempotency-Key was used for a different request'),
};

export function adminOrderRoutes(services: Services) {
  const desk = services.backofficeOrders.orders;
  return [
    route({
      ...endpoint('searchAdminOrders'),
      summary:
        "Search the orders of your venues: buyer's email or name, order code, ticket id or code, event, state, days; " +
        'newest first, a page at a time',
      tags: ['admin'],
      query: AdminOrderSearch,
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        200: { description: 'A page of orders and the cursor of the next', schema: AdminOrderPage },
        400: problem('Invalid filter'),
        401: problem('Not signed in'),
        403: problem('Your role may not manage orders'),
      },
      handler: async ({ query, principal, c }) =>
        c.json(await desk.search(query, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('getAdminOrder'),
      summary: "An order's page: tickets, payments, refunds, emails sent, what staff did and noted",
      tags: ['admin'],
      params: OrderParams,
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: { 200: { description: 'The order', schema: AdminOrder }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await desk.get(params.orderId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('quoteAdminRefund'),
      summary: 'What a refund of chosen tickets (or the cancellation) would give back now; nothing changes',
      tags: ['admin'],
      params: OrderParams,
      body: RefundQuoteRequest,
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        200: { description: 'The amount and its parts', schema: RefundQuote },
        400: problem('Invalid request, or a ticket that is not a valid ticket of the order'),
        409: problem('Nothing to refund in this state'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await desk.quoteRefund(params.orderId, body, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('refundAdminOrder'),
      summary: 'Refund chosen tickets, or all valid ones: seats back on sale, money back the way it came',
      tags: ['admin'],
      params: OrderParams,
      body: CreateRefund,
      headers: [idempotencyHeader],
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        200: { description: 'The order after the refund', schema: Order },
        ...keyProblems,
        409: problem('Nothing to refund in this state'),
        ...staffProblems,
      },
      idempotent: {
        status: 200,
        run: (input, handle) => desk.refund(input.params.orderId, input.body, input.principal, handle),
      },
    }),
    route({
      ...endpoint('cancelAdminOrder'),
      summary: 'Cancel the order: an unpaid one ends, a paid one is refunded in full and its tickets void',
      tags: ['admin'],
      params: OrderParams,
      body: CancelOrder,
      headers: [idempotencyHeader],
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        200: { description: 'The order, cancelled', schema: Order },
        ...keyProblems,
        409: problem('Already cancelled or refunded'),
        ...staffProblems,
      },
      idempotent: {
        status: 200,
        run: (input, handle) => desk.cancel(input.params.orderId, input.body, input.principal, handle),
      },
    }),
    route({
      ...endpoint('resendAdminOrder'),
      summary: "Send the tickets again to the buyer's email",
      tags: ['admin'],
      params: OrderParams,
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        202: { description: 'Queued', schema: ResentTickets },
        409: problem('No tickets to send (not paid), or no email address'),
        ...staffProblems,
      },
      handler: async ({ params, principal, c }) => c.json(await desk.resend(params.orderId, principal), 202),
    }),
    route({
      ...endpoint('changeBuyerEmail'),
      summary: "Change the buyer's email, and send the tickets there (a paid order, unless resend is false)",
      tags: ['admin'],
      params: OrderParams,
      body: ChangeBuyerEmail,
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        200: { description: 'The order', schema: Order },
        400: problem('Not an email address'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await desk.changeEmail(params.orderId, body, principal)),
    }),
    route({
      ...endpoint('addOrderNote'),
      summary: 'Add a note to the order (notes are kept as written: who, when, the text)',
      tags: ['admin'],
      params: OrderParams,
      body: AddOrderNote,
      security: 'bearer',
      access: { capability: 'orders:manage' },
      responses: {
        201: { description: 'The note', schema: OrderNote },
        400: problem('No text, or too long'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await desk.addNote(params.orderId, body, principal), 201),
    }),
  ];
}
