// Ticket transfer routes (issue 19): the buyer (order token or account) or a clerk of the venue lists, sends and
// cancels an order's transfers; the recipient sees and accepts one by the token in its email link (signed in: the
// new order is the account's); the organizer sets an event's rules. Not being allowed to see an order is a 404.
import { z } from 'zod';
import {
  AcceptedTransfer,
  AcceptTransfer,
  CreateTransfer,
  OrderTransfers,
  ReceivedTransfer,
  Transfer,
  TransferRules,
} from '../../contract/transfers.ts';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import type { OrderAccess } from '../../services/access/order-access.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route, type RouteInput } from '../route.ts';

const OrderParams = z.object({ orderId: z.uuid() });
const TokenParams = z.object({ token: z.string().min(40).max(100) });
const orderTokenHeader = { name: apiHeaders.orderToken, description: "The order's access token (guest checkout)" };
const idempotencyHeader = {
  name: apiHeaders.idempotencyKey,
  description: 'A key of your own for this request (a UUID); send the same key when you retry it',
  required: true,
};
const keyProblems = {
  400: problem('Invalid request (the field named), or no Idempotency-Key'),
  422: problem(
    "The event transfers only to the buyer's name (transfer_name_mismatch), or the Idempotency-Key was used for a " +
      'different request',
  ),
};
const staffOnly = { 401: problem('Not signed in'), 403: problem("Not staff of the event's venue") };
const ruleRefusals = {
  409: problem(
    'Not allowed for this event (transfer_not_allowed), too late (transfer_closed, with its deadline), a ticket moved ' +
      'as often as allowed (transfer_limit_reached), not transferable (ticket_not_transferable), or the event cancelled',
  ),
  422: problem("The event transfers only to the buyer's name (transfer_name_mismatch)"),
};

const accessOf = (input: RouteInput<unknown, unknown, unknown>): OrderAccess => {
  const orderToken = input.c.req.header(apiHeaderKeys.orderToken);
  return { ...(orderToken ? { orderToken } : {}), ...(input.principal ? { principal: input.principal } : {}) };
};

export function transferRoutes(services: Services) {
  const { tickets, settings } = services.transfers;
  return [
    route({
      ...endpoint('listTransfers'),
      summary: "An order's transfers and the rules its event follows (its buyer, or staff of the venue)",
      tags: ['orders', 'transfers'],
      params: OrderParams,
      headers: [orderTokenHeader],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The transfers, oldest first', schema: OrderTransfers },
        404: problem('No such order, or not yours'),
      },
      handler: async (input) =>
        input.c.json(await tickets.list(input.params.orderId, accessOf(input)), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('sendTransfer'),
      summary: 'Send valid tickets of a paid order to an email address; they stay the sender’s until accepted',
      tags: ['orders', 'transfers'],
      params: OrderParams,
      body: CreateTransfer,
      bodyLimit: 8 * 1024,
      headers: [idempotencyHeader, orderTokenHeader],
      security: 'bearer-optional',
      rateLimit: { bucket: 'transfers', limit: 20, windowSeconds: 60 },
      responses: {
        201: { description: 'Sent: the recipient is emailed the accept link', schema: Transfer },
        404: problem('No such order, or not yours'),
        ...ruleRefusals,
        ...keyProblems,
      },
      idempotent: {
        status: 201,
        run: (input, handle) => tickets.send(input.params.orderId, input.body, accessOf(input), handle),
      },
    }),
    route({
      ...endpoint('cancelTransfer'),
      summary: 'Cancel a pending transfer: the tickets stay the sender’s, and the link stops working',
      tags: ['orders', 'transfers'],
      params: z.object({ orderId: z.uuid(), transferId: z.uuid() }),
      headers: [orderTokenHeader],
      security: 'bearer-optional',
      responses: {
        204: { description: 'Cancelled' },
        404: problem('No such order or transfer, or not yours'),
        409: problem('Accepted or cancelled already (transfer_not_pending)'),
      },
      handler: async (input) => {
        await tickets.cancel(input.params.orderId, input.params.transferId, accessOf(input));
        return input.c.body(null, 204);
      },
    }),
    route({
      ...endpoint('getReceivedTransfer'),
      summary: "A transfer as its recipient sees it, by the token of the email's link",
      tags: ['transfers'],
      params: TokenParams,
      responses: {
        200: { description: 'Who sends which places, and until when it may be accepted', schema: ReceivedTransfer },
        404: problem('No such transfer'),
      },
      handler: async (input) =>
        input.c.json(await tickets.preview(input.params.token), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('acceptTransfer'),
      summary: 'Accept a transfer: new tickets in a new order (the signed-in account’s), the old ones transferred',
      tags: ['transfers'],
      params: TokenParams,
      body: AcceptTransfer,
      bodyLimit: 4 * 1024,
      headers: [idempotencyHeader],
      security: 'bearer-optional',
      rateLimit: { bucket: 'transfers', limit: 20, windowSeconds: 60 },
      responses: {
        201: { description: "The recipient's order and its access token", schema: AcceptedTransfer },
        404: problem('No such transfer'),
        ...ruleRefusals,
        ...keyProblems,
      },
      idempotent: {
        status: 201,
        run: (input, handle) => tickets.accept(input.params.token, input.body, input.principal, handle),
      },
    }),
    route({
      ...endpoint('getTransferRules'),
      summary: "An event's transfer rules (the defaults until set)",
      tags: ['transfers', 'admin'],
      params: z.object({ eventId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The rules', schema: TransferRules },
        404: problem('No such event'),
        ...staffOnly,
      },
      handler: async ({ params, principal, c }) => {
        c.header('cache-control', 'no-store');
        return c.json(await settings.get(params.eventId, principal));
      },
    }),
    route({
      ...endpoint('setTransferRules'),
      summary: "Set an event's transfer rules: allowed, until how many hours before, how often, same name only",
      tags: ['transfers', 'admin'],
      params: z.object({ eventId: z.uuid() }),
      body: TransferRules,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        204: { description: 'Saved' },
        400: problem('Out of range'),
        404: problem('No such event'),
        ...staffOnly,
      },
      handler: async ({ params, body, principal, c }) => {
        await settings.set(params.eventId, body, principal);
        return c.body(null, 204);
      },
    }),
  ];
}
