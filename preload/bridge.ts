// The typed contract between the renderer and the main process: every channel with the schema of what the renderer
// may send and what comes back. The main process validates every message against it before it reaches a service
// (main/bridge/handler.ts); the renderer's bridge client (renderer/client) is typed by it.
import { z } from 'zod';
import {
  Availability,
  BasketLineInput,
  CashPayment,
  DeviceKind,
  Email,
  Money,
  PersonName,
  ShiftReport,
  CreateHold,
  CreatedHold,
  CreatedOrder,
  CreateOrder,
  EventDetail,
  EventSummary,
  ExchangeQuote,
  Hold,
  Order,
  OrderLocale,
  OrderSummary,
  PaymentRequest,
  Quote,
  QuoteRequest,
  ScanResult,
  SeatMap,
  Session,
  SignUpAccepted,
  Uuid,
} from '../cloud/contract/index.ts';
import type { LiveChanges } from '../cloud/contract/index.ts';
import { Transfer } from '../cloud/contract/transfers.ts';
import { DeviceNotice } from './device-notices.ts';

export { DeviceNotice, type DeviceNoticeCode } from './device-notices.ts';

const Token = z.string().min(1).max(200);
const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,255}$/);

/** This machine as the screens need it: paired or not, its mode, who is signed in, and the sync light. */
export const DeviceStatus = z.object({
  registered: z.boolean(),
  kind: DeviceKind.nullable(),
  name: z.string().nullable(),
  venueId: Uuid.nullable(),
  /** Whether the credential is encrypted by the operating system's key store (null before pairing). */
  credentialEncrypted: z.boolean().nullable(),
  staff: z.object({ name: z.string(), email: z.string() }).nullable(),
  sync: z.object({
    state: z.enum(['online', 'offline', 'syncing']),
    /** Sales and changes waiting for the cloud. */
    pending: z.int(),
    /** What the cloud refused for good, with its reason, for the clerk to settle. */
    rejected: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        /** The cloud's detail (English); the screen words the refusal by `problemType` in other languages. */
        reason: z.string(),
        problemType: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  }),
  /**
   * Damaged store files found at start: set aside (kept as `keptAs`), the cache fetched again, the ledger salvaged;
   * or a ledger found missing (`keptAs` null) and started empty.
   */
  storage: z
    .array(
      z.object({
        file: z.enum(['cache', 'ledger']),
        keptAs: z.string().nullable(),
        at: z.string(),
        problem: z.string(),
        salvagedRows: z.int(),
        unreadableSales: z.int(),
      }),
    )
    .optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** Who buys at a kiosk or counter: a name for the tickets; an email only when they want a copy or the tickets sent. */
const DeviceBuyer = z.object({ name: PersonName, email: Email.optional() }).strict();
const DeviceDelivery = z.enum(['print', 'email', 'will_call']);
/** What a walk-up sale is bought as: the ticket type of each seat or standing place, and a promo code. */
const DeviceBasket = {
  lines: z.array(BasketLineInput).max(100).optional(),
  code: z.string().trim().min(1).max(60).optional(),
};

export const SaleResult = z.object({
  status: z.enum(['paid', 'declined', 'timeout', 'card_removed', 'refused', 'queued']),
  notice: DeviceNotice,
  order: Order.nullable(),
  printed: z.array(z.string()),
});
export type SaleResult = z.infer<typeof SaleResult>;

const Printed = z.object({ printed: z.array(z.string()) });

/** An exchange at the counter: the tickets given back, the new hold that takes their place, priced like a sale. */
const ExchangeAsk = z.object({
  orderId: Uuid,
  ticketIds: z.array(Uuid).min(1).max(100),
  holdId: Uuid,
  holdToken: Token,
  lines: z.array(BasketLineInput).max(100).optional(),
  code: z.string().trim().min(1).max(60).optional(),
});

export const ExchangeOutcome = z.object({
  status: z.enum(['exchanged', 'declined', 'timeout', 'card_removed', 'refused']),
  /** What the clerk does or tells the buyer (change to give, money back, why the card failed). */
  notice: DeviceNotice,
  from: Order.nullable(),
  to: Order.nullable(),
  printed: z.array(z.string()),
});
export type ExchangeOutcome = z.infer<typeof ExchangeOutcome>;

export const AllotmentView = z.object({
  allotmentId: z.string(),
  eventId: z.string(),
  /** The event's currency: what the seats are priced in and the cash for them is taken in. */
  currency: Money.shape.currency,
  seats: z.array(z.object({ seatId: z.string(), price: Money, sold: z.boolean() })),
});
export type AllotmentView = z.infer<typeof AllotmentView>;

/** The cash in the drawer when the shift began: one amount per currency the counter takes. */
const OpeningFloats = z
  .array(z.object({ amount: z.int().min(0).max(10_000_000), currency: Money.shape.currency }).strict())
  .max(20)
  .refine((floats) => new Set(floats.map((f) => f.currency)).size === floats.length, {
    message: 'one opening float per currency',
  });

const ShiftQuery = z.object({ from: z.iso.datetime({ offset: true }), openingFloats: OpeningFloats }).strict();

/**
 * Catalog answers: the cloud's JSON as text (parsed in the renderer: a stadium's seat map is megabytes, and a string
 * crosses IPC as one copy, where an object graph is cloned piece by piece), with whether it came from the device's
 * cache because the cloud was unreachable. The cloud validated what it stored; the renderer reads it as `T`.
 */
export type CachedJson<T> = { json: string; offline: boolean; fetchedAt: string } & { readonly __of?: T };
const Cached = <T extends z.ZodType>(_value: T) =>
  z.object({ json: z.string(), offline: z.boolean(), fetchedAt: z.string() }) as unknown as z.ZodType<
    CachedJson<z.infer<T>>
  >;

export const BRIDGE = {
  'shop:config': {
    input: z.object({}).strict(),
    output: z.object({ paymentMethods: z.array(z.enum(['sandbox', 'amazon_pay'])) }),
  },
  'catalog:listEvents': {
    input: z
      .object({
        q: z.string().max(120).optional(),
        venueId: Uuid.optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        limit: z.int().min(1).max(100).optional(),
      })
      .strict(),
    output: Cached(z.array(EventSummary)),
  },
  'catalog:getEvent': { input: z.object({ eventId: Uuid }).strict(), output: Cached(EventDetail) },
  'catalog:getSeatMap': { input: z.object({ seatmapId: Uuid }).strict(), output: Cached(SeatMap) },
  'catalog:getAvailability': { input: z.object({ eventId: Uuid }).strict(), output: Cached(Availability) },
  'holds:create': { input: z.object({ eventId: Uuid, request: CreateHold }).strict(), output: CreatedHold },
  'holds:get': { input: z.object({ holdId: Uuid, token: Token }).strict(), output: Hold },
  'holds:release': { input: z.object({ holdId: Uuid, token: Token }).strict(), output: z.null() },
  /** The price of a hold bought as these ticket types, with this code and delivery: the breakdown shown before paying. */
  'holds:quote': { input: z.object({ holdId: Uuid, token: Token, request: QuoteRequest }).strict(), output: Quote },
  'orders:create': {
    input: z.object({ request: CreateOrder, holdToken: Token, idempotencyKey: IdempotencyKey }).strict(),
    output: CreatedOrder,
  },
  'orders:complete': {
    input: z.object({ orderId: Uuid, orderToken: Token, idempotencyKey: IdempotencyKey }).strict(),
    output: Order,
  },
  'orders:retryPayment': {
    input: z
      .object({ orderId: Uuid, orderToken: Token, payment: PaymentRequest, idempotencyKey: IdempotencyKey })
      .strict(),
    output: Order,
  },
  'orders:get': { input: z.object({ orderId: Uuid, orderToken: Token.optional() }).strict(), output: Order },
  'orders:mine': { input: z.object({}).strict(), output: z.array(OrderSummary) },
  'auth:signIn': {
    input: z.object({ email: z.string().max(254), password: z.string().max(200) }).strict(),
    output: Session,
  },
  'auth:signUp': {
    input: z.object({ email: z.string().max(254), password: z.string().max(200), name: z.string().max(120) }).strict(),
    output: SignUpAccepted, // redirects: the same answer whether or not the email has an account
  },
  'auth:confirmSignUp': { input: z.object({ token: z.string().max(200) }).strict(), output: Session }, // redirects
  'auth:setToken': { input: z.object({ token: Token.nullable() }).strict(), output: z.null() },
  /** The main process relays the event's live seat changes to the renderer (see BridgeWindowApi.onLive). */
  'live:subscribe': { input: z.object({ eventId: Uuid }).strict(), output: z.null() },
  'live:unsubscribe': { input: z.object({ eventId: Uuid }).strict(), output: z.null() },
  /** A venue's logo as a data: URL (an app:// page cannot fetch the API's logo address); `version` is its `v`. */
  'venue:logo': {
    input: z.object({ venueId: Uuid, version: z.string().regex(/^[0-9a-f]{1,64}$/) }).strict(),
    output: z.object({
      dataUrl: z
        .string()
        .max(300_000)
        .regex(/^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/)
        .nullable(),
    }),
  },

  // The machine: pairing, the clerk at the counter, the sync light.
  'device:status': { input: z.object({}).strict(), output: DeviceStatus },
  'device:register': { input: z.object({ code: z.string().trim().min(8).max(20) }).strict(), output: DeviceStatus },
  'staff:signIn': {
    input: z.object({ email: z.string().max(254), password: z.string().max(200) }).strict(),
    output: DeviceStatus,
  },
  'staff:signOut': { input: z.object({}).strict(), output: DeviceStatus },
  'sync:now': { input: z.object({}).strict(), output: DeviceStatus },

  // Selling at the kiosk and the counter: the card terminal, cash, and printing what was sold.
  'sale:terminal': {
    input: z
      .object({
        holdId: Uuid,
        holdToken: Token,
        buyer: DeviceBuyer,
        delivery: DeviceDelivery,
        ...DeviceBasket,
        locale: OrderLocale.optional(),
      })
      .strict(),
    output: SaleResult,
  },
  'sale:cash': {
    input: z
      .object({
        holdId: Uuid,
        holdToken: Token,
        buyer: DeviceBuyer,
        delivery: DeviceDelivery,
        locale: OrderLocale.optional(),
        ...DeviceBasket,
        tendered: Money,
        idempotencyKey: IdempotencyKey,
      })
      .strict(),
    output: SaleResult,
  },

  // The box office's orders: search, refunds, cancellation, will-call, reprints, the shift.
  'orders:search': {
    input: z.object({ q: z.string().trim().min(2).max(120) }).strict(),
    output: z.array(OrderSummary),
  },
  'orders:refund': {
    input: z
      .object({
        orderId: Uuid,
        ticketIds: z.array(Uuid).min(1).max(100).optional(),
        reason: z.string().trim().min(1).max(500),
        /** Keep no refund fee of the event's refund policy (the clerk's goodwill). */
        waiveRefundFee: z.boolean().optional(),
        idempotencyKey: IdempotencyKey,
      })
      .strict(),
    output: z.object({ order: Order, handBack: DeviceNotice }),
  },
  'orders:cancel': {
    input: z
      .object({ orderId: Uuid, reason: z.string().trim().min(1).max(500), idempotencyKey: IdempotencyKey })
      .strict(),
    output: z.object({ order: Order, handBack: DeviceNotice }),
  },
  /** A cancelled event's order paid here: its money handed back (cash, or refunded on the card terminal first). */
  'orders:handBack': {
    input: z.object({ orderId: Uuid, idempotencyKey: IdempotencyKey }).strict(),
    output: z.object({ order: Order, handBack: DeviceNotice }),
  },
  /** transfer (issue 19): the clerk sends tickets of the order to the email of the person they are for. */
  'orders:transfer': {
    input: z
      .object({
        orderId: Uuid,
        ticketIds: z.array(Uuid).min(1).max(100),
        recipient: z.object({ email: Email, name: PersonName }).strict(),
      })
      .strict(),
    output: Transfer,
  },
  'orders:exchangeQuote': { input: ExchangeAsk.strict(), output: ExchangeQuote },
  'orders:exchange': {
    input: ExchangeAsk.extend({
      /** How a difference to pay is taken: cash handed over, or the card terminal (asked for exactly it). */
      payment: z
        .discriminatedUnion('method', [CashPayment, z.object({ method: z.literal('card_terminal') }).strict()])
        .optional(),
      idempotencyKey: IdempotencyKey,
    }).strict(),
    output: ExchangeOutcome,
  },
  'orders:pickup': { input: z.object({ orderId: Uuid }).strict(), output: Printed.extend({ order: Order }) },
  'print:order': {
    input: z.object({ orderId: Uuid, tickets: z.boolean(), receipt: z.boolean() }).strict(),
    output: Printed,
  },
  /** The currencies this counter's drawer holds: those its venue's events sell in (a venue's events usually agree). */
  'shift:currencies': { input: z.object({}).strict(), output: z.object({ currencies: z.array(z.string()) }) },
  'shift:report': { input: ShiftQuery, output: ShiftReport },
  'shift:print': { input: ShiftQuery, output: Printed },

  // The door view: a scanned code, checked offline first; the cloud decides when it answers.
  'door:scan': {
    input: z
      .object({
        code: z.string().trim().min(1).max(400),
        gate: z.string().trim().min(1).max(40),
        eventId: Uuid.optional(),
      })
      .strict(),
    output: ScanResult.extend({ offline: z.boolean() }),
  },

  // Allotments: seats this counter keeps to sell with or without the cloud.
  'allotment:create': {
    input: z.object({ eventId: Uuid, seatIds: z.array(z.string().min(1).max(64)).min(1).max(2000) }).strict(),
    output: AllotmentView,
  },
  'allotment:list': { input: z.object({}).strict(), output: z.array(AllotmentView) },
  'allotment:sellCash': {
    input: z
      .object({
        allotmentId: Uuid,
        seatIds: z.array(z.string().min(1).max(64)).min(1).max(100),
        buyerName: PersonName,
        tendered: Money,
      })
      .strict(),
    output: Printed.extend({ reference: z.string(), change: Money }),
  },
} as const;

/** Pushed from main to the renderer: an event's seat changes, the cloud's confirmation of a subscription (on each
 * connect: the renderer reads its snapshot then, see LiveHandlers.onSubscribed), or whether the live connection is up. */
export type LivePush = LiveChanges | { type: 'subscribed'; eventId: string } | { type: 'connection'; online: boolean };

export type BridgeChannel = keyof typeof BRIDGE;
export type BridgeInput<C extends BridgeChannel> = z.infer<(typeof BRIDGE)[C]['input']>;
export type BridgeOutput<C extends BridgeChannel> = z.infer<(typeof BRIDGE)[C]['output']>;

/** What a bridge call rejects with: the cloud's problem (type, detail, status) or the bridge's own. */
export interface BridgeProblem {
  type: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  seatIds?: string[];
  retryable?: boolean;
  /** A 429 or 503's Retry-After: the screen may count down and try again by itself. */
  retryAfterSeconds?: number;
}

/** What the preload script exposes on window.ticketboss: one invoke for every channel. */
export interface BridgeWindowApi {
  invoke<C extends BridgeChannel>(
    channel: C,
    input: BridgeInput<C>,
  ): Promise<{ ok: true; value: BridgeOutput<C> } | { ok: false; problem: BridgeProblem }>;
  /** Listens to live pushes; returns the function that stops listening. */
  onLive(listener: (push: LivePush) => void): () => void;
}
