// What the UI may ask of the cloud, whichever door it runs behind: over HTTP in the browser (http-client.ts), over
// the preload bridge in Electron (a later issue). Screens use only this interface.
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
  LiveChanges,
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

export interface EventQuery {
  q?: string;
  venueId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface LiveSubscription {
  close(): void;
}

export interface LiveHandlers {
  onChanges(message: LiveChanges): void;
  /**
   * The server confirmed the subscription (when it opens, and again after every reconnect): every change committed
   * from now on will be pushed. Read the snapshot now: one read before this (the page's first, or before a drop) may
   * miss a change made between that read and the subscription, which no message will bring.
   */
  onSubscribed(): void;
  onStatus?(connected: boolean): void;
}

export interface ShopConfig {
  paymentMethods: ('sandbox' | 'amazon_pay')[];
  /** passes (issue 19): the wallets this deployment offers (absent: none, e.g. a machine's bridge). */
  walletPasses?: { apple: boolean; google: boolean };
}

/** An availability snapshot as a client read it. `offline: true`: a kiosk's or box office's cached copy, given because
 * the cloud did not answer in time; it may be older than live changes already heard, so the live seat view takes it
 * as a failed read (renderer/modes/shared/seat-chooser/live-snapshot.ts). */
export type AvailabilityRead = Availability & { offline?: boolean };

export interface TicketingClient {
  config(): Promise<ShopConfig>;
  listEvents(query?: EventQuery): Promise<EventSummary[]>;
  /** The event; with a presale code, the tiers it unlocks too (the web shop's; machines sell the public tiers). */
  getEvent(eventId: string, presaleCode?: string): Promise<EventDetail>;
  getSeatMap(seatmapId: string): Promise<SeatMap>;
  /** `offline` when a device answered from its cache because the cloud did not (the bridge's; see AvailabilityRead). */
  getAvailability(eventId: string): Promise<AvailabilityRead>;
  createHold(eventId: string, request: CreateHold): Promise<CreatedHold>;
  getHold(holdId: string, token: string): Promise<Hold>;
  releaseHold(holdId: string, token: string): Promise<void>;
  /** Once per hold, a full hold time from now (the shop's "More time"); absent where the client cannot. */
  extendHold?(holdId: string, token: string): Promise<Hold>;
  /** The breakdown an order of this hold would have: with ticket types per seat, a promo code and a delivery. */
  quoteHold(holdId: string, token: string, request: QuoteRequest): Promise<Quote>;
  createOrder(request: CreateOrder, holdToken: string, idempotencyKey: string): Promise<CreatedOrder>;
  completePayment(orderId: string, orderToken: string, idempotencyKey: string): Promise<Order>;
  retryPayment(orderId: string, orderToken: string, payment: PaymentRequest, idempotencyKey: string): Promise<Order>;
  getOrder(orderId: string, orderToken?: string): Promise<Order>;
  myOrders(): Promise<OrderSummary[]>;
  /** accounts: the guest orders of the account's proven email (the web shop's; other doors may not offer it). */
  claimableOrders?(): Promise<ClaimableOrders>;
  /** accounts: takes those orders (or the given ones among them) into the signed-in account. */
  claimOrders?(orderIds?: string[]): Promise<ClaimedOrders>;
  /** accounts: emails a one-time link to choose a new password (the same answer whether or not the email has one). */
  requestPasswordReset?(email: string): Promise<void>;
  /** accounts: sets the new password with the emailed link's token (then sign in with it). */
  resetPassword?(token: string, password: string): Promise<void>;
  /** wallet (issue 18): the order's tickets as one PDF (the web shop's; other doors may not offer it). */
  ticketsPdf?(orderId: string, orderToken?: string): Promise<Blob>;
  /** passes (issue 19): a ticket's Apple Wallet pass, and its Google Wallet save link (the web shop only). */
  applePass?(orderId: string, ticketId: string, orderToken?: string): Promise<Blob>;
  googleWalletLink?(orderId: string, ticketId: string, orderToken?: string): Promise<string>;
  /** transfers (issue 19): the buyer may pass tickets on from the order page. Only the buyer's own browser (the web
   * shop) offers it: a shared machine must not let the next person at it send the last buyer's tickets away, and its
   * calls would go to the cloud around the device's bridge. */
  readonly offersTransfers?: boolean;
  /** Joins a sold-out event's waitlist (the web shop's; the machines refuse it). */
  joinWaitlist(eventId: string, request: JoinWaitlist): Promise<JoinedWaitlist>;
  /** The hold of a waitlist offer, by the token in its email. */
  claimWaitlistOffer(token: string): Promise<ClaimedWaitlistOffer>;
  signIn(email: string, password: string): Promise<Session>;
  /** Asks for an account: the answer is the same whether or not the email has one; the owner is emailed. */
  signUp(email: string, password: string, name: string): Promise<SignUpAccepted>;
  /** The emailed link's token: makes the account and signs it in (once). */
  confirmSignUp(token: string): Promise<Session>;
  /** Uses this access token for the calls that follow (null signs out). */
  setAccessToken(token: string | null): void;
  /** `start`: the page's snapshot (and whether the event is queued): a large event's may be polled as deltas. */
  subscribe(eventId: string, handlers: LiveHandlers, start?: LiveStart): LiveSubscription;
}

/** live deltas (issue 20): what a client decides the live channel by. */
export interface LiveStart {
  snapshot: Pick<Availability, 'seatCount' | 'liveVersion'>;
  /** The event has a waiting room (EventDetail.waitingRoom): an on-sale crowd watches it. */
  queued?: boolean;
}

/** Events this large (or queued ones) are watched through delta documents, where the server offers them. */
export { LIVE_DELTAS_MIN_SEATS } from '../../cloud/domain/live/delta-audience.ts';

/** An error the API answered with: its problem+json, shown to people by its `detail`. */
/** The code of a call AWS WAF held back for a browser challenge (no API problem has it; client/waf-challenge.ts). */
export const WAF_CHALLENGE = 'waf_challenge';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly body: {
      seatIds?: string[];
      errors?: { field: string; message: string }[];
      retryable?: boolean;
      /** A 429's or 503's Retry-After (the screen counts down, then tries again by itself). */
      retryAfterSeconds?: number;
      /** admission_basket_full: the seats the admission's place may still take, its held ones counted as taken. */
      basketLeft?: number;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  /** The stable code at the end of the problem type, e.g. `seats_unavailable`. */
  get code(): string {
    return this.type.split('/').pop() ?? 'unknown';
  }
}
