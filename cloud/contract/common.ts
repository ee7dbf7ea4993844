// Shapes shared by every request and response: ids, money, problem details.
import { z } from 'zod';

export const Uuid = z.uuid();

/** Integer minor units plus an ISO 4217 currency: 1250 EUR is €12.50. */
export const Money = z.object({
  amount: z.int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code, e.g. EUR'),
});
export type Money = z.infer<typeof Money>;

export const Timestamp = z.iso.datetime({ offset: true });

/** Every problem's `type` is this plus its code: the API's answers and the live view's refused upgrades alike. */
export const PROBLEM_BASE = 'https://ticketboss.dev/problems/';

export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  seatIds: z.array(z.string()).optional(),
  entries: z.array(z.string()).optional(),
  /** refund_window_closed: until when refunds could be asked for. */
  deadline: Timestamp.optional(),
  retryable: z.boolean().optional(),
  /** refund_at_original_order: the order that paid for tickets passed on by transfer (refund there). */
  originalOrderId: z.uuid().optional(),
  /** refund_at_original_order: that order's code, and which of its tickets to choose there for each ticket named. */
  originalOrderCode: z.string().optional(),
  originalTickets: z.array(z.object({ ticketId: z.uuid(), originalTicketId: z.uuid() })).optional(),
  /** not_admitted_yet (the on-sale): the buyer's place, and how far admission has reached. */
  place: z.int().optional(),
  admittedThrough: z.int().optional(),
  /** admission_basket_full (the on-sale): the seats the admission's place may still take, its held ones counted. */
  basketLeft: z.int().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
