// The waiting room's gate on holds and orders: a web sale of an event whose queue is on needs the admission token
// (X-Queue-Admission) bound to this event and the buyer's queue session (X-Queue-Session, matched by its hash), and
// in a verified_account queue to the account, whose bearer must come with it; unexpired. Kiosks and
// box offices sell by their own channel rules and never queue. The event's queue settings are read through a copy
// kept per event and checked against the event's settings stamp (migration 0033's trigger raises it when they
// change), which every hold and checkout reads anyway: no query of its own on the sale path. A hold it lets in is
// marked with the admission's place in the statement that marked it before (admitHold), which also keeps the place
// to one basket of seats.
import { apiHeaders } from '../../contract/shop-routes.ts';
import { findCode } from '../../db/codes/codes.ts';
import type { Db } from '../../db/port.ts';
import { findQueue } from '../../db/queue.ts';
import { admitQueueHold } from '../../db/queue-baskets.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Channel } from '../access/venue-access.ts';
import type { Clock } from '../ports.ts';
import { sameToken } from '../access/derived-tokens.ts';
import { sessionHash, type QueueTokens } from './queue-tokens.ts';

/** What a buyer's request carries of the waiting room (the two headers). */
export interface AdmissionHeaders {
  token?: string | undefined;
  session?: string | undefined;
}

export interface Admitted {
  place: number;
  /** The presale code given at admission: it unlocks its tiers for this buyer's holds. */
  presaleCodeId: string | null;
}

export class QueueGate {
  private readonly queued = new Map<string, QueueMode>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly tokens: QueueTokens,
  ) {}

  /**
   * null when the sale needs no admission (another channel, no queue, or turned off); the admission otherwise.
   * Refuses a missing token (428 admission_required), one for another event or session or tampered with (403
   * admission_invalid), an expired one (403 admission_expired), naming the header; and in a verified_account queue
   * one without its account's bearer (`principalSub`: the caller's subject) (403 admission_invalid, `authorization`).
   */
  async check(
    eventId: string,
    channel: Channel,
    settingsVersion: number,
    headers: AdmissionHeaders,
    principalSub?: string,
  ): Promise<Admitted | null> {
    if (channel !== 'web') return null;
    const mode = await this.modeOf(eventId, settingsVersion);
    if (!mode.enabled) return null;
    const field = { field: apiHeaders.queueAdmission };
    if (!headers.token) {
      throw new DomainError('admission_required', 'This event sells through its waiting room: join it first.', field);
    }
    if (!headers.session) {
      throw new DomainError('admission_required', `Send your queue session in ${apiHeaders.queueSession}.`, {
        field: apiHeaders.queueSession,
      });
    }
    const claims = this.tokens.readAdmission(headers.token);
    if (!claims || claims.eventId !== eventId) {
      throw new DomainError('admission_invalid', 'This admission is not one of ours for this event.', field);
    }
    if (!sameToken(sessionHash(headers.session), claims.sessionHash)) {
      throw new DomainError('admission_invalid', 'This admission belongs to another queue session.', {
        field: apiHeaders.queueSession,
      });
    }
    if ((mode.byAccount || claims.account !== null) && (!claims.account || claims.account !== principalSub)) {
      throw new DomainError('admission_invalid', 'This admission belongs to an account: sign in to it.', {
        field: 'authorization',
      });
    }
    if (claims.expiresAt <= this.clock.now().getTime()) {
      throw new DomainError(
        'admission_expired',
        'Your admission ran out: ask for it again with your queue ticket.',
        field,
      );
    }
    return { place: claims.place, presaleCodeId: claims.presaleCodeId };
  }

  /**
   * Marks a web hold just made with this admission as let in at its place (its checkout trusts the mark), keeping the
   * place to one basket: the seats of its live and sold holds, this one's included, at most the event's per-order
   * limit. One statement, which holds of the same place take in turn, so two holds at once cannot both squeeze in.
   * Over the limit the hold is let go (`release`) and refused (409 admission_basket_full, `quantity`, with how many
   * seats the place may still take, so the shop knows whether giving back the seats it holds would help). The place, not
   * the token, is the basket's: a buyer asks for a new admission with the same ticket whenever one runs out, and the
   * new token must not bring a new basket. Sold seats stay counted, as a ticketing site's per-account limit counts
   * purchases: else a bot would hold, buy and hold again for as long as the admission lasts.
   */
  async admitHold(
    hold: { id: string; eventId: string },
    admitted: Admitted,
    perOrderLimit: number,
    release: () => Promise<void>,
  ): Promise<void> {
    const basket = await admitQueueHold(this.db, hold, admitted.place, perOrderLimit, this.clock.now());
    if (basket.marked) return;
    await release();
    const left = Math.max(0, perOrderLimit - basket.taken);
    throw new DomainError(
      'admission_basket_full',
      `One place in the waiting room buys at most ${perOrderLimit} tickets for this event, held or bought; ` +
        `yours has ${basket.taken} already, so ${left} more at most.`,
      { field: 'quantity', basketLeft: left },
    );
  }

  /** The presale code an admission carries, as the buyer would type it (its lookup key); null when none or gone. */
  async presaleCodeOf(admitted: Admitted | null): Promise<string | null> {
    if (!admitted?.presaleCodeId) return null;
    return (await findCode(this.db, admitted.presaleCodeId))?.code ?? null;
  }

  private async modeOf(eventId: string, settingsVersion: number): Promise<QueueMode> {
    const known = this.queued.get(eventId);
    if (known && known.settingsVersion === settingsVersion) return known;
    const row = await findQueue(this.db, eventId);
    const mode = {
      settingsVersion,
      enabled: row?.enabled ?? false,
      byAccount: row?.one_place_per === 'verified_account',
    };
    this.queued.set(eventId, mode);
    return mode;
  }
}

interface QueueMode {
  settingsVersion: number;
  enabled: boolean;
  /** One place per verified account: the admission is the account's, used with its bearer. */
  byAccount: boolean;
}
