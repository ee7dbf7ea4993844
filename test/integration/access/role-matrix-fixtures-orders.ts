// The role matrix's requests for seat management and the order desk (admin-seats.ts, admin-orders.ts): an event or
// an order of venue A. Seats come one by one from the context (each used once); a call that changes an order makes
// a fresh paid one, a call that only reads shares one.
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { MatrixContext, RouteFixture } from './role-matrix-fixtures.ts';

/** An admin's call that makes what the request acts on; throws unless it succeeds. */
const made = async (ctx: MatrixContext, method: string, path: string, body: unknown) => {
  const response = await ctx.call(method, path, { bearer: ctx.admin, body });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id?: string; holdbackId?: string };
};

const orderFixture = (request: (ctx: MatrixContext) => Promise<{ path: string; body?: unknown }>): RouteFixture => ({
  capability: 'orders:manage',
  venue: 'A',
  request,
});

export const ORDER_FIXTURES: Record<string, RouteFixture> = {
  // seat management
  getSeatManagement: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminEventSeats(ctx.eventA) }),
  },
  listSeatBlocks: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminSeatBlocks(ctx.eventA) }),
  },
  blockSeats: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => {
      const { eventId, seatId } = await ctx.seatOfA();
      return { path: apiPaths.adminSeatBlocks(eventId), body: { seatIds: [seatId], kind: 'block', note: 'Broken' } };
    },
  },
  releaseSeats: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => {
      const { eventId, seatId } = await ctx.seatOfA();
      await made(ctx, 'POST', apiPaths.adminSeatBlocks(eventId), { seatIds: [seatId], kind: 'kill' });
      return { path: apiPaths.adminSeatRelease(eventId), body: { seatIds: [seatId] } };
    },
  },
  holdBackPlaces: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.adminStandingHoldbacks(ctx.eventA),
      body: { sectionId: 'PIT', quantity: 1, kind: 'house' },
    }),
  },
  releaseHeldBackPlaces: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => {
      const { holdbackId } = await made(ctx, 'POST', apiPaths.adminStandingHoldbacks(ctx.eventA), {
        sectionId: 'PIT',
        quantity: 1,
        kind: 'production',
      });
      return { path: apiPaths.adminStandingHoldback(ctx.eventA, holdbackId!) };
    },
  },
  listEventAllotments: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminEventAllotments(ctx.eventA) }),
  },
  assignAllotment: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => {
      const { eventId, seatId } = await ctx.seatOfA();
      return {
        path: apiPaths.adminEventAllotments(eventId),
        body: { deviceId: await ctx.deviceOfA(), seatIds: [seatId] },
      };
    },
  },
  releaseAllotment: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => {
      const { eventId, seatId } = await ctx.seatOfA();
      const { id } = await made(ctx, 'POST', apiPaths.adminEventAllotments(eventId), {
        deviceId: await ctx.deviceOfA(),
        seatIds: [seatId],
      });
      return { path: apiPaths.adminEventAllotment(eventId, id!) };
    },
  },
  // orders
  searchAdminOrders: {
    capability: 'orders:manage',
    venue: 'list',
    ids: (body) => (body as { orders: { id: string }[] }).orders.map((order) => order.id),
    request: async (ctx) => {
      const order = await ctx.sharedOrder();
      return { path: `${apiPaths.adminOrders()}?eventId=${order.eventId}&limit=100`, listed: order.id };
    },
  },
  getAdminOrder: orderFixture(async (ctx) => ({ path: apiPaths.adminOrder((await ctx.sharedOrder()).id) })),
  quoteAdminRefund: orderFixture(async (ctx) => ({
    path: apiPaths.adminOrderRefundQuote((await ctx.sharedOrder()).id),
    body: { cancel: true },
  })),
  refundAdminOrder: orderFixture(async (ctx) => ({
    path: apiPaths.adminOrderRefunds((await ctx.paidOrder()).id),
    body: { reason: 'Cannot come' },
  })),
  cancelAdminOrder: orderFixture(async (ctx) => ({
    path: apiPaths.adminOrderCancellation((await ctx.paidOrder()).id),
    body: { reason: 'Asked to' },
  })),
  resendAdminOrder: orderFixture(async (ctx) => ({ path: apiPaths.adminOrderResend((await ctx.paidOrder()).id) })),
  changeBuyerEmail: orderFixture(async (ctx) => ({
    path: apiPaths.adminOrderBuyerEmail((await ctx.paidOrder()).id),
    body: { email: 'new.address@buyer.example', resend: false },
  })),
  rekeyTicketDevice: orderFixture(async (ctx) => {
    const order = await ctx.paidOrder();
    return { path: apiPaths.adminTicketDeviceKey(order.id, order.tickets[0]!.id) };
  }),
  addOrderNote: orderFixture(async (ctx) => ({
    path: apiPaths.adminOrderNotes((await ctx.paidOrder()).id),
    body: { text: 'Called about parking' },
  })),
};
