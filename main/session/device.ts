// The machine behind the kiosk and counter screens: pairing with a one-time code, its own session with the cloud,
// the clerk signed in on top of it, selling by card terminal or cash and printing what was sold, the box office's
// orders and shift, the allotment it sells from offline, and a sync loop that pushes the outbox whenever the cloud
// answers and tells the screens whether it is online, offline or syncing.
import type {
  CreatedDevice,
  CreatedHold,
  CreateOrder,
  Delivery,
  Hold,
  Order,
  OrderSummary,
  Session,
  ShiftReport,
} from '../../cloud/contract/index.ts';
import { formatMoney } from '../../cloud/domain/format.ts';
import { WALK_UP_EMAIL } from '../../cloud/domain/orders/buyers.ts';
import type { AllotmentView, BridgeInput, BridgeOutput, DeviceStatus, SaleResult } from '../../preload/bridge.ts';
import type { CacheDb } from '../cache/database.ts';
import type { Outbox } from '../cache/outbox.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import type { Printer } from '../peripherals/printer.ts';
import { AllotmentRefusal, AllotmentSeller } from '../sales/allotment-seller.ts';
import { OrderPrinter } from '../sales/order-printer.ts';
import { sellWithTerminal } from '../sales/terminal-sale.ts';
import type { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import { CloudProblem, type CloudClient } from '../sync/cloud-client.ts';
import type { Connectivity } from '../sync/connectivity.ts';
import { httpSender, OutboxPusher } from '../sync/outbox-pusher.ts';
import { CredentialStore, type SecretBox } from './credentials.ts';
import { Door } from '../door/door.ts';

const RENEW_BEFORE_MS = 3600_000;

export interface DeviceDeps {
  db: CacheDb;
  cloud: CloudClient;
  catalog: CatalogFetcher;
  connectivity: Connectivity;
  outbox: Outbox;
  terminal: CardTerminal;
  printer: Printer;
  secretBox?: SecretBox;
  /** How often the sync loop looks at the outbox and, when offline, whether the cloud is back. */
  syncIntervalMs?: number;
  clock?: () => Date;
}

const problem = (code: string, status: number, detail: string) =>
  new CloudProblem({ type: `https://ticketboss.dev/problems/${code}`, status, detail });

export class Device {
  private readonly credentials: CredentialStore;
  private readonly seller: AllotmentSeller;
  private readonly pusher: OutboxPusher;
  readonly printing: OrderPrinter;
  private readonly door: Door;
  private deviceToken: string | null = null;
  /** When the device token runs out (ms); renewed by the sync loop well before. */
  private deviceTokenExpires = 0;
  private staff: Session | null = null;
  private syncing = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly clock: () => Date;

  constructor(private readonly deps: DeviceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.credentials = new CredentialStore(deps.db, deps.secretBox);
    this.seller = new AllotmentSeller(deps.db, deps.outbox);
    // The outbox is the machine's own (its allotment sales): pushed with the device's token, whoever is signed in.
    this.pusher = new OutboxPusher(
      deps.outbox,
      this.reporting(
        httpSender(
          deps.cloud.baseUrl,
          () => this.deviceToken,
          () => deps.cloud.apiKey,
        ),
      ),
    );
    this.printing = new OrderPrinter(deps.catalog, deps.printer, this.clock);
    this.door = new Door(deps.db, deps.cloud, deps.catalog, deps.outbox, this.clock);
  }

  /** The door view: door staff (a signed-in clerk) scan codes; checked offline first, the cloud decides online. */
  async scanAtDoor(input: BridgeInput<'door:scan'>): Promise<BridgeOutput<'door:scan'>> {
    this.requireClerk();
    const result = await this.door.scan(input);
    if (result.offline) void this.syncNow().catch(() => {});
    return result;
  }

  private reporting(send: ReturnType<typeof httpSender>): ReturnType<typeof httpSender> {
    return async (entry) => {
      try {
        const answer = await send(entry);
        this.deps.connectivity.report(true);
        return answer;
      } catch (error) {
        this.deps.connectivity.report(false);
        throw error;
      }
    };
  }

  // --- The machine and its session --------------------------------------------------------------------------------

  status(): DeviceStatus {
    const stored = this.credentials.load();
    const credential = stored?.credential;
    return {
      registered: !!credential,
      kind: credential?.kind ?? null,
      name: credential?.name ?? null,
      venueId: credential?.venueId ?? null,
      credentialEncrypted: stored ? stored.encrypted : null,
      staff: this.staff ? { name: this.staff.principal.name ?? '', email: this.staff.principal.email ?? '' } : null,
      sync: {
        state: !this.deps.connectivity.online ? 'offline' : this.syncing ? 'syncing' : 'online',
        pending: this.deps.outbox.pendingCount(),
        rejected: this.deps.outbox.rejected().map((entry) => ({
          id: entry.id,
          kind: entry.kind,
          reason: entry.reason ?? '',
          createdAt: entry.createdAt,
        })),
      },
    };
  }

  /** Pairs this machine with the one-time code an admin got from the cloud, keeps the credential, signs in. */
  async register(code: string): Promise<DeviceStatus> {
    if (this.credentials.load()) throw problem('already_registered', 409, 'This machine is registered already.');
    const device = await this.deps.cloud.call<CreatedDevice>('POST', '/v1/devices/pair', { body: { code } });
    this.credentials.save({
      deviceId: device.id,
      secret: device.secret,
      kind: device.kind,
      venueId: device.venueId,
      name: device.name,
      ...(device.apiKey ? { apiKey: device.apiKey } : {}),
    });
    await this.signInDevice();
    return this.status();
  }

  /** At start: signs in with the stored credential (when the cloud answers; offline the machine still starts). */
  async restore(): Promise<void> {
    if (!this.credentials.load()) return;
    try {
      await this.signInDevice();
    } catch (error) {
      if (!(error instanceof CloudProblem) || !error.problem.retryable) throw error;
    }
  }

  private async signInDevice(): Promise<void> {
    const stored = this.credentials.load();
    if (!stored) return;
    this.deps.cloud.setApiKey(stored.credential.apiKey ?? null);
    const session = await this.deps.cloud.call<Session>('POST', '/v1/auth/device', {
      body: { deviceId: stored.credential.deviceId, secret: stored.credential.secret },
    });
    this.deviceToken = session.accessToken;
    this.deviceTokenExpires = this.clock().getTime() + session.expiresIn * 1000;
    if (!this.staff) this.deps.cloud.setToken(session.accessToken);
  }

  private requireKind(kind: 'kiosk' | 'boxoffice') {
    const credential = this.credentials.load()?.credential;
    if (!credential) throw problem('not_registered', 409, 'Pair this machine first.');
    if (credential.kind !== kind) throw problem('forbidden', 403, `This is for a ${kind} machine.`);
    return credential;
  }

  /** A clerk signs in at the counter: staff of this venue (or an admin); sales are theirs until they sign out. */
  async signInStaff(email: string, password: string): Promise<DeviceStatus> {
    const credential = this.requireKind('boxoffice');
    const session = await this.deps.cloud.call<Session>('POST', '/v1/auth/signin', { body: { email, password } });
    const groups = session.principal.groups;
    const here =
      groups.includes('admin') || (groups.includes('clerk') && session.principal.venueId === credential.venueId);
    if (!here) throw problem('forbidden', 403, 'This account is not box-office staff at this venue.');
    this.staff = session;
    this.deps.cloud.setToken(session.accessToken);
    return this.status();
  }

  signOutStaff(): DeviceStatus {
    this.staff = null;
    this.deps.cloud.setToken(this.deviceToken);
    return this.status();
  }

  private requireClerk() {
    this.requireKind('boxoffice');
    if (!this.staff) throw problem('unauthorized', 401, 'Sign in as a clerk first.');
  }

  // --- Sync ---------------------------------------------------------------------------------------------------------

  /**
   * Pushes what is due; with nothing to push, asks the cloud whether it answers, so the screens notice a cut (and its
   * end) by themselves rather than at the next sale.
   */
  async syncNow(): Promise<DeviceStatus> {
    if (!this.deps.connectivity.online || this.deps.outbox.pendingCount() === 0) await this.probe();
    if (this.deps.connectivity.online && this.deps.outbox.pendingCount() > 0) {
      if (!this.deviceToken) await this.signInDevice().catch(() => {});
      this.syncing = true;
      try {
        await this.pusher.push();
      } finally {
        this.syncing = false;
      }
    }
    return this.status();
  }

  private async probe(): Promise<void> {
    try {
      await this.deps.cloud.call('GET', '/v1/shop/config');
      // A kiosk runs for days: sign in again when the token is missing or has less than an hour left.
      if (!this.deviceToken || this.deviceTokenExpires - this.clock().getTime() < RENEW_BEFORE_MS) {
        await this.signInDevice();
      }
    } catch {
      // Still offline: the next tick tries again.
    }
  }

  startSync(): void {
    this.timer ??= setInterval(() => void this.syncNow().catch(() => {}), this.deps.syncIntervalMs ?? 3000);
    this.timer.unref?.();
  }

  stopSync(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  // --- Selling ------------------------------------------------------------------------------------------------------

  private buyerOf(buyer: { name: string; email?: string | undefined }): CreateOrder['buyer'] {
    return { name: buyer.name, email: buyer.email ?? WALK_UP_EMAIL };
  }

  private deliveryOf(delivery: 'print' | 'email' | 'will_call', buyer: { email?: string | undefined }): Delivery {
    if (delivery === 'email' && !buyer.email)
      throw problem('validation_failed', 400, 'An email address is needed to send the tickets.');
    if (delivery === 'will_call') return { method: 'will_call' };
    return delivery === 'email' ? { method: 'email' } : { method: 'print_at_venue' };
  }

  /** Prints what a paid sale gives the buyer: the tickets (unless sent or kept for pick-up) and the receipt. */
  private async printSale(order: Order): Promise<string[]> {
    this.remember(order);
    return this.printing.print(order, { tickets: order.delivery.method === 'print_at_venue', receipt: true });
  }

  /** Keeps the last known state of an order this machine sold or handled, for reprints while offline. */
  private remember(order: Order): Order {
    this.deps.db
      .prepare(
        `INSERT INTO orders (id, event_id, content, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at`,
      )
      .run(order.id, order.eventId, JSON.stringify(order), this.clock().toISOString());
    return order;
  }

  private remembered(orderId: string): Order | null {
    const row = this.deps.db.prepare('SELECT content FROM orders WHERE id = ?').get(orderId) as
      { content: string } | undefined;
    return row ? (JSON.parse(row.content) as Order) : null;
  }

  /** A sale paid at the card terminal (kiosk, or a counter taking a card). */
  async sellByTerminal(input: BridgeInput<'sale:terminal'>): Promise<SaleResult> {
    const credential = this.credentials.load()?.credential;
    if (!credential) throw problem('not_registered', 409, 'Pair this machine first.');
    if (credential.kind === 'boxoffice') this.requireClerk();
    if (!this.deps.connectivity.online) await this.probe();
    if (!this.deps.connectivity.online) {
      return {
        status: 'refused',
        message: 'Sales are paused while this machine is offline.',
        order: null,
        printed: [],
      };
    }
    const hold = await this.deps.cloud.call<Hold>('GET', `/v1/holds/${encodeURIComponent(input.holdId)}`, {
      headers: { 'x-hold-token': input.holdToken },
    });
    const result = await sellWithTerminal(
      this.deps.cloud,
      this.deps.terminal,
      {
        hold,
        holdToken: input.holdToken,
        buyer: this.buyerOf(input.buyer),
        delivery: this.deliveryOf(input.delivery, input.buyer),
      },
      // Approved, and then the cloud went: the same request waits in the outbox and is applied once.
      this.deps.outbox,
    );
    if (result.status !== 'paid') return { ...result, order: null, printed: [] };
    return {
      status: 'paid',
      message: 'Paid.',
      order: result.order,
      printed: await this.printSale(result.order),
    };
  }

  /** A cash sale at the counter: the clerk took `tendered`, the change is on the order. */
  async sellForCash(input: BridgeInput<'sale:cash'>): Promise<SaleResult> {
    this.requireClerk();
    const order = await this.deps.cloud.call<Order>('POST', '/v1/orders', {
      body: {
        holdId: input.holdId,
        buyer: this.buyerOf(input.buyer),
        delivery: this.deliveryOf(input.delivery, input.buyer),
        payment: { method: 'cash', tendered: input.tendered },
      } satisfies CreateOrder,
      headers: { 'x-hold-token': input.holdToken, 'idempotency-key': input.idempotencyKey },
    });
    const change = order.payments.at(-1)?.change;
    return {
      status: 'paid',
      message: change && change.amount > 0 ? `Give ${formatMoney(change)} change.` : 'Paid, no change due.',
      order,
      printed: await this.printSale(order),
    };
  }

  // --- The box office's orders --------------------------------------------------------------------------------------

  async search(q: string): Promise<OrderSummary[]> {
    this.requireClerk();
    const answer = await this.deps.cloud.call<{ orders: OrderSummary[] }>(
      'GET',
      `/v1/orders?${new URLSearchParams({ q }).toString()}`,
    );
    return answer.orders;
  }

  /** Refunds tickets; card sales are paid back on the terminal first, cash is handed back by the clerk. */
  async refund(input: BridgeInput<'orders:refund'>): Promise<BridgeOutput<'orders:refund'>> {
    this.requireClerk();
    const before = await this.getOrder(input.orderId);
    const tickets = before.tickets.filter(
      (t) => t.status === 'valid' && (!input.ticketIds || input.ticketIds.includes(t.id)),
    );
    const amount = { amount: tickets.reduce((sum, t) => sum + t.price.amount, 0), currency: before.total.currency };
    const terminalReference = await this.refundOnTerminal(before, amount);
    const order = await this.deps.cloud.call<Order>('POST', `/v1/orders/${encodeURIComponent(input.orderId)}/refunds`, {
      body: {
        reason: input.reason,
        ...(input.ticketIds ? { ticketIds: input.ticketIds } : {}),
        ...(terminalReference ? { terminalReference } : {}),
      },
      headers: { 'idempotency-key': input.idempotencyKey },
    });
    return { order: this.remember(order), handBack: this.handBack(before, amount) };
  }

  async cancel(input: BridgeInput<'orders:cancel'>): Promise<BridgeOutput<'orders:cancel'>> {
    this.requireClerk();
    const before = await this.getOrder(input.orderId);
    const amount = { amount: before.total.amount - before.refunded.amount, currency: before.total.currency };
    const terminalReference =
      before.state === 'pending_payment' ? undefined : await this.refundOnTerminal(before, amount);
    const order = await this.deps.cloud.call<Order>('POST', `/v1/orders/${encodeURIComponent(input.orderId)}/cancel`, {
      body: { reason: input.reason, ...(terminalReference ? { terminalReference } : {}) },
      headers: { 'idempotency-key': input.idempotencyKey },
    });
    return {
      order,
      handBack: before.state === 'pending_payment' ? 'Nothing was paid.' : this.handBack(before, amount),
    };
  }

  private async refundOnTerminal(order: Order, amount: { amount: number; currency: string }) {
    const method = order.payments.find((p) => p.state === 'captured')?.method;
    if (method !== 'card_terminal' || amount.amount === 0) return undefined;
    return (await this.deps.terminal.refund({ amount, saleReference: order.code })).reference;
  }

  private handBack(order: Order, amount: { amount: number; currency: string }): string {
    const method = order.payments.find((p) => p.state === 'captured')?.method;
    if (method === 'cash') return `Hand back ${formatMoney(amount)} in cash.`;
    if (method === 'card_terminal') return `${formatMoney(amount)} refunded to the card.`;
    return `${formatMoney(amount)} goes back through the online payment.`;
  }

  private async getOrder(orderId: string): Promise<Order> {
    return this.remember(await this.deps.cloud.call<Order>('GET', `/v1/orders/${encodeURIComponent(orderId)}`));
  }

  /** Will-call: marks the order handed over (once) and prints its tickets. */
  async pickUp(orderId: string): Promise<BridgeOutput<'orders:pickup'>> {
    this.requireClerk();
    const order = this.remember(
      await this.deps.cloud.call<Order>('POST', `/v1/orders/${encodeURIComponent(orderId)}/pickup`),
    );
    return { order, printed: await this.printing.print(order, { tickets: true }) };
  }

  /** Reprints an order as the cloud has it now, or, offline, as this machine last saw it. */
  async reprint(input: BridgeInput<'print:order'>): Promise<BridgeOutput<'print:order'>> {
    this.requireClerk();
    let order: Order;
    try {
      order = await this.getOrder(input.orderId);
    } catch (error) {
      const known = this.remembered(input.orderId);
      if (!(error instanceof CloudProblem) || !error.problem.retryable || !known) throw error;
      order = known;
    }
    return { printed: await this.printing.print(order, { tickets: input.tickets, receipt: input.receipt }) };
  }

  async shiftReport(query: BridgeInput<'shift:report'>): Promise<ShiftReport> {
    this.requireClerk();
    const params = new URLSearchParams({ from: query.from, openingFloat: String(query.openingFloat) });
    return this.deps.cloud.call<ShiftReport>('GET', `/v1/boxoffice/shift-report?${params.toString()}`);
  }

  async printShiftReport(query: BridgeInput<'shift:print'>): Promise<BridgeOutput<'shift:print'>> {
    const report = await this.shiftReport(query);
    const credential = this.requireKind('boxoffice');
    const events = await this.deps.catalog.get<{ events: { venue: { id: string; name: string; timezone: string } }[] }>(
      `/v1/events?venueId=${credential.venueId}&limit=1`,
    );
    const venue = events.value.events[0]?.venue ?? { name: credential.name, timezone: 'UTC' };
    const seller = this.staff?.principal.name ?? report.seller;
    return { printed: [await this.printing.printShiftReport({ ...report, seller }, venue, query.openingFloat)] };
  }

  // --- Allotments ---------------------------------------------------------------------------------------------------

  /** Reserves seats for this counter until sales end (a hold the machine owns) and keeps them in the cache. */
  async createAllotment(input: BridgeInput<'allotment:create'>): Promise<AllotmentView> {
    this.requireClerk();
    if (!this.deviceToken) await this.signInDevice();
    const allotment = await this.deps.cloud.call<CreatedHold>(
      'POST',
      `/v1/events/${encodeURIComponent(input.eventId)}/allotments`,
      { body: { seatIds: input.seatIds }, bearer: this.deviceToken ?? undefined },
    );
    this.seller.keep(allotment);
    return this.allotments().find((a) => a.allotmentId === allotment.id)!;
  }

  allotments(): AllotmentView[] {
    const rows = this.deps.db
      .prepare(
        `SELECT allotment_id, event_id, seat_id, price_amount, currency, sold_by FROM allotment_seats
         ORDER BY allotment_id, seat_id`,
      )
      .all() as {
      allotment_id: string;
      event_id: string;
      seat_id: string;
      price_amount: number;
      currency: string;
      sold_by: string | null;
    }[];
    const views = new Map<string, AllotmentView>();
    for (const row of rows) {
      let view = views.get(row.allotment_id);
      if (!view)
        views.set(row.allotment_id, (view = { allotmentId: row.allotment_id, eventId: row.event_id, seats: [] }));
      view.seats.push({
        seatId: row.seat_id,
        price: { amount: row.price_amount, currency: row.currency },
        sold: row.sold_by !== null,
      });
    }
    return [...views.values()];
  }

  /** A cash sale from the allotment, online or not: recorded and queued at once, pushed by the sync loop. */
  async sellFromAllotment(input: BridgeInput<'allotment:sellCash'>): Promise<BridgeOutput<'allotment:sellCash'>> {
    this.requireKind('boxoffice');
    // Offline a clerk cannot sign in anew; one who signed in before the network went stays signed in.
    if (!this.staff) throw problem('unauthorized', 401, 'Sign in as a clerk first.');
    const view = this.allotments().find((a) => a.allotmentId === input.allotmentId);
    if (!view) throw problem('not_found', 404, 'No such allotment on this machine.');
    let entry;
    try {
      entry = this.seller.sellForCash(input.allotmentId, input.seatIds, {
        buyer: { name: input.buyerName, email: WALK_UP_EMAIL },
        tendered: input.tendered.amount,
      });
    } catch (error) {
      if (error instanceof AllotmentRefusal) throw problem('seats_unavailable', 409, error.message);
      if (error instanceof RangeError) throw problem('validation_failed', 400, error.message);
      throw error;
    }
    const seats = view.seats.filter((s) => input.seatIds.includes(s.seatId));
    const total = seats.reduce((sum, s) => sum + s.price.amount, 0);
    const reference = `OFF-${entry.id.slice(0, 8).toUpperCase()}`;
    const printed = [
      await this.printing.printPendingReceipt({
        reference,
        eventId: view.eventId,
        buyer: input.buyerName,
        seats,
        tendered: input.tendered,
      }),
    ];
    void this.syncNow().catch(() => {});
    return { reference, change: { amount: input.tendered.amount - total, currency: input.tendered.currency }, printed };
  }
}
