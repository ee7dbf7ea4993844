// The TicketingClient over the Electron bridge (window.ticketboss, from preload/index.ts): every call is a typed
// channel answered by the main process, which keeps the device cache, talks to the cloud and relays live changes.
import type { BridgeChannel, BridgeInput, BridgeOutput, BridgeWindowApi } from '../../preload/bridge.ts';
import type {
  Availability,
  CreateHold,
  CreateOrder,
  EventDetail,
  EventSummary,
  PaymentRequest,
  QuoteRequest,
  SeatMap,
} from '../../cloud/contract/index.ts';
import {
  ApiError,
  type AvailabilityRead,
  type EventQuery,
  type LiveHandlers,
  type LiveSubscription,
  type TicketingClient,
} from './ticketing-client.ts';

/** Catalog answers come as the cloud's JSON text (see CachedJson in preload/bridge.ts). */
const parse = <T>(answer: { json: string }): T => JSON.parse(answer.json) as T;

export class BridgeTicketingClient implements TicketingClient {
  constructor(private readonly bridge: BridgeWindowApi) {}

  /** Any bridge channel, e.g. the machine's own (pairing, selling, printing); a refusal throws an ApiError. */
  async call<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<BridgeOutput<C>> {
    const answer = await this.bridge.invoke(channel, input);
    if (answer.ok) return answer.value;
    const { problem } = answer;
    throw new ApiError(problem.status, problem.type, problem.detail, {
      ...(problem.seatIds ? { seatIds: problem.seatIds } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...(problem.retryable ? { retryable: true } : {}),
      ...(problem.retryAfterSeconds !== undefined ? { retryAfterSeconds: problem.retryAfterSeconds } : {}),
    });
  }

  config() {
    return this.call('shop:config', {});
  }
  async listEvents(query: EventQuery = {}) {
    return parse<{ events: EventSummary[] }>(await this.call('catalog:listEvents', query)).events;
  }
  async getEvent(eventId: string) {
    return parse<EventDetail>(await this.call('catalog:getEvent', { eventId }));
  }
  async getSeatMap(seatmapId: string) {
    return parse<SeatMap>(await this.call('catalog:getSeatMap', { seatmapId }));
  }
  /** The device's cached copy when the cloud did not answer says so (`offline`), for the live view not to lay it
   * over newer live changes. */
  async getAvailability(eventId: string): Promise<AvailabilityRead> {
    const answer = await this.call('catalog:getAvailability', { eventId });
    const availability = parse<Availability>(answer);
    return answer.offline ? { ...availability, offline: true } : availability;
  }
  /** Waitlists are the web shop's: a kiosk or counter sells what is free instead. */
  joinWaitlist(): Promise<never> {
    return Promise.reject(new ApiError(0, 'unsupported', 'The waitlist is joined in the web shop.'));
  }
  claimWaitlistOffer(): Promise<never> {
    return Promise.reject(new ApiError(0, 'unsupported', 'Waitlist offers are claimed in the web shop.'));
  }
  createHold(eventId: string, request: CreateHold) {
    return this.call('holds:create', { eventId, request });
  }
  getHold(holdId: string, token: string) {
    return this.call('holds:get', { holdId, token });
  }
  async releaseHold(holdId: string, token: string) {
    await this.call('holds:release', { holdId, token });
  }
  quoteHold(holdId: string, token: string, request: QuoteRequest) {
    return this.call('holds:quote', { holdId, token, request });
  }
  createOrder(request: CreateOrder, holdToken: string, idempotencyKey: string) {
    return this.call('orders:create', { request, holdToken, idempotencyKey });
  }
  completePayment(orderId: string, orderToken: string, idempotencyKey: string) {
    return this.call('orders:complete', { orderId, orderToken, idempotencyKey });
  }
  retryPayment(orderId: string, orderToken: string, payment: PaymentRequest, idempotencyKey: string) {
    return this.call('orders:retryPayment', { orderId, orderToken, payment, idempotencyKey });
  }
  getOrder(orderId: string, orderToken?: string) {
    return this.call('orders:get', { orderId, ...(orderToken ? { orderToken } : {}) });
  }
  myOrders() {
    return this.call('orders:mine', {});
  }
  signIn(email: string, password: string) {
    return this.call('auth:signIn', { email, password });
  }
  signUp(email: string, password: string, name: string) {
    return this.call('auth:signUp', { email, password, name });
  }
  confirmSignUp(token: string) {
    return this.call('auth:confirmSignUp', { token });
  }
  setAccessToken(token: string | null): void {
    void this.call('auth:setToken', { token });
  }

  subscribe(eventId: string, handlers: LiveHandlers): LiveSubscription {
    const stop = this.bridge.onLive((push) => {
      if (push.type === 'changes' && push.eventId === eventId) handlers.onChanges(push);
      else if (push.type === 'subscribed' && push.eventId === eventId) handlers.onSubscribed();
      else if (push.type === 'connection') handlers.onStatus?.(push.online);
    });
    void this.call('live:subscribe', { eventId });
    return {
      close: () => {
        stop();
        void this.call('live:unsubscribe', { eventId });
      },
    };
  }
}
