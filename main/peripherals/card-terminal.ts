// The card terminal at a kiosk or counter, behind a port: authorize an amount, void an authorization the sale could
// not use. The simulator plays the outcomes a real terminal has — approved, declined, no answer, card pulled out
// mid-payment — in the order a test or a demo scripts them.
import { randomBytes } from 'node:crypto';
import type { Money } from '../../cloud/contract/index.ts';
import type { DeviceNotice } from '../../preload/bridge.ts';

/** Why a card was declined, as a code the screen words (a driver maps its own texts onto these). */
export type DeclineReason = Extract<DeviceNotice, { code: 'card_declined' }>['reason'];

export interface TerminalAuthorization {
  reference: string;
  cardLast4: string;
  amount: Money;
}

export type TerminalResult =
  | { status: 'approved'; authorization: TerminalAuthorization }
  | { status: 'declined'; reason: DeclineReason }
  | { status: 'timeout' }
  | { status: 'card_removed' };

export interface CardTerminal {
  authorize(request: { amount: Money; reference: string }): Promise<TerminalResult>;
  /** Gives back an approved authorization that was not used (the sale failed after it). */
  void(reference: string): Promise<void>;
  /** Pays money back to the card of an earlier sale (a refund at the counter); answers the terminal's reference. */
  refund(request: { amount: Money; saleReference: string }): Promise<{ reference: string }>;
}

export type SimulatedOutcome = 'approve' | 'decline' | 'timeout' | 'card_removed';

export class SimulatedTerminal implements CardTerminal {
  readonly voided: string[] = [];
  readonly authorized: TerminalAuthorization[] = [];
  readonly refunds: { amount: Money; saleReference: string; reference: string }[] = [];

  constructor(
    private readonly script: SimulatedOutcome[] = [],
    private readonly delayMs = 0,
  ) {}

  /** Queues the next outcomes (the default, when none is queued, is approve). */
  next(...outcomes: SimulatedOutcome[]): void {
    this.script.push(...outcomes);
  }

  async authorize(request: { amount: Money; reference: string }): Promise<TerminalResult> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const outcome = this.script.shift() ?? 'approve';
    if (outcome === 'decline') return { status: 'declined', reason: 'issuer' };
    if (outcome === 'timeout') return { status: 'timeout' };
    if (outcome === 'card_removed') return { status: 'card_removed' };
    const authorization = {
      reference: `SIM-${randomBytes(6).toString('hex').toUpperCase()}`,
      cardLast4: String(1000 + (randomBytes(2).readUInt16BE(0) % 9000)),
      amount: request.amount,
    };
    this.authorized.push(authorization);
    return { status: 'approved', authorization };
  }

  async void(reference: string): Promise<void> {
    this.voided.push(reference);
  }

  async refund(request: { amount: Money; saleReference: string }): Promise<{ reference: string }> {
    const reference = `SIMR-${randomBytes(6).toString('hex').toUpperCase()}`;
    this.refunds.push({ ...request, reference });
    return { reference };
  }
}
