// What the main process tells the person at a kiosk or counter screen after a sale, exchange, refund or hand-back:
// stable codes with their amounts, never sentences (the renderer words them in the shown language). Part of the
// bridge's contract (bridge.ts re-exports it).
import { z } from 'zod';
import { Money } from '../cloud/contract/index.ts';

/** A refusal of the cloud as the main process passes it on: the renderer says it in words by its `type`. */
const PassedProblem = z.object({ type: z.string(), detail: z.string() });
const noticeOf = <C extends string>(code: C) => z.object({ code: z.literal(code) }).strict();
const amountNotice = <C extends string>(code: C) => z.object({ code: z.literal(code), amount: Money }).strict();

/**
 * What the main process tells the person at the screen after a sale, exchange, refund or hand-back: a stable code
 * and its parameters, never a sentence. The renderer words it in the shown language (kiosk area, `kiosk.notice.*`).
 */
export const DeviceNotice = z.discriminatedUnion('code', [
  noticeOf('paid'),
  noticeOf('paid_no_change'),
  amountNotice('give_change'),
  noticeOf('paid_queued'), // paid on the card; the order is confirmed once the cloud is back
  noticeOf('sales_paused_offline'),
  z.object({ code: z.literal('card_declined'), reason: z.enum(['issuer', 'unknown']) }).strict(), // the driver's code
  noticeOf('terminal_timeout'),
  noticeOf('card_removed'),
  noticeOf('not_confirmed'), // the card approved, the cloud gone, no queue to keep the sale
  /** The cloud refused; `cardCancelled`: an approved card payment was voided because of it. */
  z.object({ code: z.literal('cloud_refused'), problem: PassedProblem, cardCancelled: z.boolean() }).strict(),
  noticeOf('even_exchange'),
  amountNotice('take_difference'),
  amountNotice('cash_must_cover'),
  amountNotice('paid_by_card'),
  amountNotice('refunded_to_card'),
  amountNotice('hand_back_cash'),
  amountNotice('back_online_payment'),
  noticeOf('nothing_paid'),
]);
export type DeviceNotice = z.infer<typeof DeviceNotice>;
export type DeviceNoticeCode = DeviceNotice['code'];
