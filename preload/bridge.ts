// The typed contract between the renderer and the main process: every channel with the schema of what the renderer
// may send and what comes back. The main process validates every message against it before it reaches a service
// (main/bridge-handlers.ts); the renderer's bridge client (renderer/client) is typed by it.
import { z } from 'zod';
import {
  Availability,
  CreateHold,
  CreatedHold,
  CreatedOrder,
  CreateOrder,
  EventDetail,
  EventSummary,
  Hold,
  Order,
  OrderSummary,
  PaymentRequest,
  SeatMap,
  Session,
  Uuid,
} from '../cloud/contract/index.ts';
import type { LiveChanges } from '../cloud/contract/index.ts';

const Token = z.string().min(1).max(200);
const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,255}$/);

/** Catalog answers say whether they came from the device's cache because the cloud was unreachable. */
const Cached = <T extends z.ZodType>(value: T) => z.object({ value, offline: z.boolean(), fetchedAt: z.string() });

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
    output: Session,
  },
  'auth:setToken': { input: z.object({ token: Token.nullable() }).strict(), output: z.null() },
  /** The main process relays the event's live seat changes to the renderer (see BridgeWindowApi.onLive). */
  'live:subscribe': { input: z.object({ eventId: Uuid }).strict(), output: z.null() },
  'live:unsubscribe': { input: z.object({ eventId: Uuid }).strict(), output: z.null() },
} as const;

/** Pushed from main to the renderer: an event's seat changes, or word that the live connection came back. */
export type LivePush = LiveChanges | { type: 'reconnected' } | { type: 'connection'; online: boolean };

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
