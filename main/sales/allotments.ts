// The counter's allotment, the part of a box office that sells offline: seats reserved for this machine until sales
// end (a hold it owns, kept in the cache: those it reserved itself and those the back office gave it, pulled by the
// sync loop), and cash sales from them that are recorded and queued at once and pushed by the sync loop, with a
// receipt that says the tickets follow once the cloud confirms.
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { CreatedHold, MyAllotments } from '../../cloud/contract/index.ts';
import { WALK_UP_EMAIL } from '../../cloud/domain/orders/buyers.ts';
import type { AllotmentView, BridgeInput, BridgeOutput } from '../../preload/bridge.ts';
import type { Device } from '../session/device.ts';
import { refusal, type CloudClient } from '../sync/cloud-client.ts';
import {
  AllotmentRefusal,
  AllotmentWindowClosed,
  type AllotmentSeller,
  type AllotmentSyncResult,
} from './allotment-seller.ts';
import type { OrderPrinter } from './order-printer.ts';

export interface AllotmentsDeps {
  session: Pick<Device, 'requireClerk' | 'deviceBearer' | 'syncSoon' | 'status'>;
  cloud: CloudClient;
  seller: AllotmentSeller;
  printing: OrderPrinter;
}

/** How often the sync loop asks the cloud for this device's allotments (a sale or reservation here asks at once). */
const PULL_EVERY_MS = 15_000;

export class Allotments {
  private pulledAt = Number.NEGATIVE_INFINITY;
  /** Pulls are numbered as they start; an answer from a pull older than `oldestApplicable` is stale and ignored. */
  private pullsStarted = 0;
  private oldestApplicable = 0;

  constructor(
    private readonly deps: AllotmentsDeps,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Pulls this box office's allotments from the cloud into the cache (new, changed, taken back); run by the sync
   * loop while the cloud answers, at most every PULL_EVERY_MS unless forced. An answer is ignored (null) when a later
   * pull's answer was applied or an allotment was reserved here since this pull started: its list would drop it.
   */
  async pull(options: { force?: boolean } = {}): Promise<AllotmentSyncResult | null> {
    if (this.deps.session.status().kind !== 'boxoffice') return null;
    const now = this.clock().getTime();
    if (!options.force && now - this.pulledAt < PULL_EVERY_MS) return null;
    const pull = ++this.pullsStarted;
    const bearer = await this.deps.session.deviceBearer();
    const mine = await this.deps.cloud.call<MyAllotments>(apiRoutes.listMyAllotments, apiPaths.boxOfficeAllotments(), {
      bearer,
    });
    if (pull < this.oldestApplicable) return null;
    this.oldestApplicable = pull;
    this.pulledAt = now;
    return this.deps.seller.sync(mine.allotments);
  }

  /** Reserves seats for this counter until sales end (a hold the machine owns) and keeps them in the cache. */
  async create(input: BridgeInput<'allotment:create'>): Promise<AllotmentView> {
    this.deps.session.requireClerk();
    const bearer = await this.deps.session.deviceBearer();
    const allotment = await this.deps.cloud.call<CreatedHold>(
      apiRoutes.createAllotment,
      apiPaths.eventAllotments(input.eventId),
      { body: { seatIds: input.seatIds }, bearer },
    );
    this.deps.seller.keep(allotment);
    // A pull already under way may have been answered before this reservation: its list must not drop it.
    this.oldestApplicable = this.pullsStarted + 1;
    // Its selling window comes with the device's list; online now, so ask at once (the next sync would otherwise).
    await this.pull({ force: true }).catch(() => {});
    return this.list().find((a) => a.allotmentId === allotment.id)!;
  }

  list(): AllotmentView[] {
    return this.deps.seller.list();
  }

  /** A cash sale from the allotment, online or not: recorded and queued at once, pushed by the sync loop. */
  async sellForCash(input: BridgeInput<'allotment:sellCash'>): Promise<BridgeOutput<'allotment:sellCash'>> {
    // Offline a clerk cannot sign in anew; one who signed in before the network went stays signed in.
    this.deps.session.requireClerk();
    const view = this.list().find((a) => a.allotmentId === input.allotmentId);
    if (!view) throw refusal('not_found', 404, 'No such allotment on this machine.');
    if (input.tendered.currency !== view.currency) {
      throw refusal('validation_failed', 400, `This allotment sells in ${view.currency}; the cash is counted in it.`);
    }
    let entry;
    try {
      entry = this.deps.seller.sellForCash(input.allotmentId, input.seatIds, {
        buyer: { name: input.buyerName, email: WALK_UP_EMAIL },
        tendered: input.tendered.amount,
      });
    } catch (error) {
      if (error instanceof AllotmentRefusal) throw refusal('seats_unavailable', 409, error.message);
      if (error instanceof AllotmentWindowClosed) throw refusal('sales_window_closed', 409, error.message);
      if (error instanceof RangeError) throw refusal('validation_failed', 400, error.message);
      throw error;
    }
    const seats = view.seats.filter((s) => input.seatIds.includes(s.seatId));
    const total = seats.reduce((sum, s) => sum + s.price.amount, 0);
    const reference = `OFF-${entry.id.slice(0, 8).toUpperCase()}`;
    const printed = [
      await this.deps.printing.printPendingReceipt({
        reference,
        eventId: view.eventId,
        buyer: input.buyerName,
        seats,
        tendered: input.tendered,
      }),
    ];
    this.deps.session.syncSoon();
    return { reference, change: { amount: input.tendered.amount - total, currency: input.tendered.currency }, printed };
  }
}
