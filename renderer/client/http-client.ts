// The TicketingClient over HTTP and WebSocket, for the browser: each call's route, path and headers (the transport,
// http-transport.ts, sends it: JSON, problem+json as ApiError, a busy API waited out, AWS WAF's challenge passed), and
// the live seat channel with reconnects (and a snapshot reload after each).
import type {
  Availability,
  ClaimedWaitlistOffer,
  CreateHold,
  CreatedHold,
  CreatedOrder,
  CreateOrder,
  EventDetail,
  EventSummary,
  Hold,
  JoinedWaitlist,
  JoinWaitlist,
  Order,
  OrderSummary,
  PaymentRequest,
  Quote,
  QuoteRequest,
  SeatMap,
  Session,
  SignUpAccepted,
} from '../../cloud/contract/index.ts';
import type { ClaimableOrders, ClaimedOrders } from '../../cloud/contract/index.ts'; // accounts
import {
  apiHeaderKeys,
  shopPaths as apiPaths,
  shopRoutes as apiRoutes,
  type ApiRoute,
} from '../../cloud/contract/shop-routes.ts';
import { usesLiveDeltas } from '../../cloud/domain/live/delta-audience.ts';
import {
  type EventQuery,
  type LiveHandlers,
  type LiveStart,
  type LiveSubscription,
  type ShopConfig,
  type TicketingClient,
} from './ticketing-client.ts';
import { currentLocale } from '../i18n/i18n.ts';
import { queueHeaders } from './queue-headers.ts';
import type { CallOptions } from './retry-after.ts';
import { HttpTransport } from './http-transport.ts';

/** A guest's order token as the header that carries it (none when signed in). */
const tokenOf = (orderToken?: string): Record<string, string> =>
  orderToken ? { [apiHeaderKeys.orderToken]: orderToken } : {};

export class HttpTicketingClient implements TicketingClient {
  private readonly http: HttpTransport;
  readonly offersTransfers = true;

  constructor(private readonly baseUrl = '') {
    this.http = new HttpTransport(baseUrl);
  }

  setAccessToken(token: string | null): void {
    this.http.accessToken = token;
  }

  /** Calls `route` at `path` (one of its paths, from apiPaths): see HttpTransport.call. */
  private call<T>(route: ApiRoute, path: string, options: CallOptions = {}): Promise<T> {
    return this.http.call(route, path, options);
  }

  config(): Promise<ShopConfig> {
    return this.call(apiRoutes.shopConfig, apiPaths.shopConfig());
  }

  async listEvents(query: EventQuery = {}): Promise<EventSummary[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.toString();
    const path = search ? `${apiPaths.events()}?${search}` : apiPaths.events();
    return (await this.call<{ events: EventSummary[] }>(apiRoutes.listEvents, path)).events;
  }

  getEvent(eventId: string, presaleCode?: string): Promise<EventDetail> {
    const query = presaleCode ? `?${new URLSearchParams({ presaleCode }).toString()}` : '';
    return this.call(apiRoutes.getEvent, `${apiPaths.event(eventId)}${query}`);
  }

  getSeatMap(seatmapId: string): Promise<SeatMap> {
    return this.call(apiRoutes.getSeatMap, apiPaths.seatMap(seatmapId));
  }

  getAvailability(eventId: string): Promise<Availability> {
    return this.call(apiRoutes.getAvailability, apiPaths.availability(eventId));
  }

  async createHold(eventId: string, request: CreateHold): Promise<CreatedHold> {
    const headers = queueHeaders(eventId);
    const hold = await this.call<CreatedHold>(apiRoutes.createHold, apiPaths.eventHolds(eventId), {
      body: request,
      headers,
    });
    // The order of a queued event's hold carries the same admission: remember whose event the hold is.
    if (headers[apiHeaderKeys.queueSession]) sessionStorage.setItem(`tb.queue.hold.${hold.id}`, eventId);
    return hold;
  }

  getHold(holdId: string, token: string): Promise<Hold> {
    return this.call(apiRoutes.getHold, apiPaths.hold(holdId), { headers: { [apiHeaderKeys.holdToken]: token } });
  }

  releaseHold(holdId: string, token: string): Promise<void> {
    return this.call(apiRoutes.releaseHold, apiPaths.hold(holdId), {
      headers: { [apiHeaderKeys.holdToken]: token },
    });
  }

  extendHold(holdId: string, token: string): Promise<Hold> {
    return this.call(apiRoutes.extendHold, apiPaths.holdExtension(holdId), {
      headers: { [apiHeaderKeys.holdToken]: token },
    });
  }

  quoteHold(holdId: string, token: string, request: QuoteRequest): Promise<Quote> {
    return this.call(apiRoutes.quoteHold, apiPaths.holdQuote(holdId), {
      body: request,
      headers: { [apiHeaderKeys.holdToken]: token },
    });
  }

  createOrder(request: CreateOrder, holdToken: string, idempotencyKey: string): Promise<CreatedOrder> {
    return this.call(apiRoutes.createOrder, apiPaths.orders(), {
      body: request,
      headers: {
        [apiHeaderKeys.holdToken]: holdToken,
        [apiHeaderKeys.idempotencyKey]: idempotencyKey,
        ...queueHeaders(sessionStorage.getItem(`tb.queue.hold.${request.holdId}`)),
      },
    });
  }

  completePayment(orderId: string, orderToken: string, idempotencyKey: string): Promise<Order> {
    return this.call(apiRoutes.completePayment, apiPaths.orderPaymentCompletion(orderId), {
      headers: { [apiHeaderKeys.orderToken]: orderToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
    });
  }

  retryPayment(orderId: string, orderToken: string, payment: PaymentRequest, idempotencyKey: string): Promise<Order> {
    return this.call(apiRoutes.retryPayment, apiPaths.orderPayments(orderId), {
      body: payment,
      headers: { [apiHeaderKeys.orderToken]: orderToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
    });
  }

  getOrder(orderId: string, orderToken?: string): Promise<Order> {
    return this.call(apiRoutes.getOrder, apiPaths.order(orderId), { headers: tokenOf(orderToken) });
  }

  // wallet (issue 18): the tickets PDF of an order, as the file to save; a refusal is an ApiError like any call's.
  // passes (issue 19)
  applePass(orderId: string, ticketId: string, orderToken?: string): Promise<Blob> {
    const path = apiPaths.ticketApplePass(orderId, ticketId);
    return this.http.download(apiRoutes.downloadApplePass, path, 'application/vnd.apple.pkpass', tokenOf(orderToken));
  }

  async googleWalletLink(orderId: string, ticketId: string, orderToken?: string): Promise<string> {
    const link = await this.call<{ saveUrl: string }>(
      apiRoutes.getGoogleWalletLink,
      apiPaths.ticketGoogleWalletLink(orderId, ticketId),
      { headers: tokenOf(orderToken) },
    );
    return link.saveUrl;
  }

  ticketsPdf(orderId: string, orderToken?: string): Promise<Blob> {
    const path = apiPaths.orderTicketsPdf(orderId);
    return this.http.download(apiRoutes.downloadTicketsPdf, path, 'application/pdf', tokenOf(orderToken));
  }

  async myOrders(): Promise<OrderSummary[]> {
    return (await this.call<{ orders: OrderSummary[] }>(apiRoutes.listMyOrders, apiPaths.myOrders())).orders;
  }

  claimableOrders(): Promise<ClaimableOrders> {
    return this.call(apiRoutes.listClaimableOrders, apiPaths.myOrderClaims());
  }

  claimOrders(orderIds?: string[]): Promise<ClaimedOrders> {
    return this.call(apiRoutes.claimOrders, apiPaths.myOrderClaims(), { body: orderIds ? { orderIds } : {} });
  }

  async requestPasswordReset(email: string): Promise<void> {
    // The email is written in the language the shop shows.
    await this.call(apiRoutes.requestPasswordReset, apiPaths.passwordReset(), {
      body: { email, locale: currentLocale() },
    });
  }

  async resetPassword(token: string, password: string): Promise<void> {
    await this.call(apiRoutes.resetPassword, apiPaths.password(), { body: { token, password } });
  }

  joinWaitlist(eventId: string, request: JoinWaitlist): Promise<JoinedWaitlist> {
    return this.call(apiRoutes.joinWaitlist, apiPaths.eventWaitlist(eventId), { body: request });
  }

  claimWaitlistOffer(token: string): Promise<ClaimedWaitlistOffer> {
    return this.call(apiRoutes.claimWaitlistOffer, apiPaths.waitlistClaim(token));
  }

  signIn(email: string, password: string): Promise<Session> {
    return this.call(apiRoutes.signIn, apiPaths.signIn(), { body: { email, password } });
  }

  signUp(email: string, password: string, name: string): Promise<SignUpAccepted> {
    // The confirmation email is written in the language the shop shows.
    return this.call(apiRoutes.signUp, apiPaths.signUp(), { body: { email, password, name, locale: currentLocale() } });
  }

  confirmSignUp(token: string): Promise<Session> {
    return this.call(apiRoutes.confirmSignUp, apiPaths.signUpConfirmation(), { body: { token } });
  }

  /**
   * The live seat view's socket, loaded with the first page that watches seats (not with the events list); for a
   * large or queued event whose snapshot names a live version, the delta poller instead (live deltas, issue 20).
   */
  subscribe(eventId: string, handlers: LiveHandlers, start?: LiveStart): LiveSubscription {
    let inner: LiveSubscription | null = null;
    let closed = false;
    const since = start?.snapshot.liveVersion;
    const deltas = since !== undefined && usesLiveDeltas(start!.snapshot.seatCount, start!.queued);
    const opened = deltas
      ? import('./live-deltas.ts').then(
          (m) => () => m.pollLiveDeltas({ baseUrl: this.baseUrl, eventId, since }, handlers),
        )
      : import('./live-socket.ts').then((m) => () => m.subscribeLive(this.baseUrl, eventId, handlers));
    void opened.then((open) => {
      if (!closed) inner = open();
    });
    return {
      close() {
        closed = true;
        inner?.close();
      },
    };
  }
}
