// The door view of a box office: a code typed or read by a USB scanner (a keyboard) is checked here first against the
// cached public keys, so a forged or altered code is refused even offline. Online, the cloud decides (one admission
// per ticket across all gates). Offline, this machine admits a genuine ticket it has not seen, records it, and queues
// the scan (with its time and gate) for the cloud, syncing at once; a second scan of it here says already used.
// Door staff are clerks signed in at a box office. The tickets the cloud has voided or refunded (an event cancelled)
// come down with the sync, at most once a minute, so the offline check refuses them too.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { ScanResult, TicketKeys, TicketRevocations } from '../../cloud/contract/index.ts';
import { verifyTicketCode } from '../../cloud/domain/tickets/ticket-code.ts';
import { refusedScan } from '../../cloud/domain/tickets/scan-result.ts';
import type { CacheDb } from '../cache/database.ts';
import type { Outbox } from '../cache/outbox.ts';
import type { Device } from '../session/device.ts';
import type { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import { CloudProblem, type CloudClient } from '../sync/cloud-client.ts';

export type DoorResult = ScanResult & { offline: boolean };

const REVOCATIONS_EVERY_MS = 60_000;

export class Door {
  constructor(
    private readonly session: Pick<Device, 'requireClerk' | 'syncSoon' | 'status'>,
    private readonly db: CacheDb,
    private readonly cloud: CloudClient,
    private readonly catalog: CatalogFetcher,
    private readonly outbox: Outbox,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private cachedKeys: { keys: KeyObject[]; until: number } | null = null;
  private revocationsSyncedAt = 0;

  /**
   * Fetches the venue's revoked tickets and keeps them for offline checks (a box office, once a minute at most unless
   * forced); the sync loop calls it while the cloud answers.
   */
  async syncRevocations(options: { force?: boolean } = {}): Promise<void> {
    if (this.session.status().kind !== 'boxoffice') return;
    const now = this.clock().getTime();
    if (!options.force && now - this.revocationsSyncedAt < REVOCATIONS_EVERY_MS) return;
    const list = await this.cloud.call<TicketRevocations>(apiRoutes.ticketRevocations, apiPaths.ticketRevocations());
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM revoked_tickets').run();
      const insert = this.db.prepare('INSERT INTO revoked_tickets (ticket_id, event_id, reason) VALUES (?, ?, ?)');
      for (const ticket of list.tickets) insert.run(ticket.id, ticket.eventId, ticket.reason);
    })();
    this.revocationsSyncedAt = now;
  }

  /** The accepted public keys: from the cloud once a minute at most (a queue at the gate should not wait), else cached. */
  private async keys(): Promise<KeyObject[]> {
    const now = this.clock().getTime();
    if (this.cachedKeys && this.cachedKeys.until > now) return this.cachedKeys.keys;
    const answer = await this.catalog.get<TicketKeys>(apiPaths.ticketKeys());
    const keys = answer.value.keys.map((key) =>
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' }),
    );
    this.cachedKeys = { keys, until: now + 60_000 };
    return keys;
  }

  /** A scan by the door staff; after an answer given offline, a sync starts at once to push what was queued. */
  async scan(request: { code: string; gate: string; eventId?: string }): Promise<DoorResult> {
    this.session.requireClerk();
    const result = await this.check(request);
    if (result.offline) this.session.syncSoon();
    return result;
  }

  private async check(request: { code: string; gate: string; eventId?: string }): Promise<DoorResult> {
    const code = request.code.trim();
    const fields = verifyTicketCode(await this.keys(), code);
    if (!fields) return { ...refusedScan('invalid_code'), offline: false };
    const about = { id: fields.ticketId, eventId: fields.eventId, seat: fields.seat };
    if (request.eventId && request.eventId !== fields.eventId)
      return { ...refusedScan('other_event', about), offline: false };
    const body = { code, gate: request.gate, ...(request.eventId ? { eventId: request.eventId } : {}) };
    try {
      const answer = await this.cloud.call<ScanResult>(apiRoutes.scanTicket, apiPaths.scans(), { body });
      if (answer.result === 'admitted') this.remember(fields, request.gate, answer.usedAt!, false);
      return { ...answer, offline: false };
    } catch (error) {
      if (!(error instanceof CloudProblem) || !error.problem.retryable) throw error;
    }
    // Offline: this machine decides for now, and tells the cloud later.
    const revoked = this.db.prepare('SELECT reason FROM revoked_tickets WHERE ticket_id = ?').get(fields.ticketId) as
      { reason: 'refunded' | 'void' | 'event_cancelled' | 'transferred' } | undefined;
    if (revoked) return { ...refusedScan(revoked.reason, about), offline: true };
    const seen = this.db.prepare('SELECT gate, scanned_at FROM door_scans WHERE ticket_id = ?').get(fields.ticketId) as
      { gate: string; scanned_at: string } | undefined;
    if (seen) {
      return {
        result: 'already_used',
        reason: null,
        detail: `Already used at ${seen.scanned_at} at gate ${seen.gate} (checked on this machine; offline).`,
        ticket: about,
        usedAt: seen.scanned_at,
        usedGate: seen.gate,
        offline: true,
      };
    }
    const at = this.clock().toISOString();
    this.db.transaction(() => {
      this.remember(fields, request.gate, at, true);
      this.outbox.enqueue({
        kind: 'door_scan',
        method: apiRoutes.scanTicket.method,
        path: apiPaths.scans(),
        body: { ...body, scannedAt: at },
      });
    })();
    return {
      result: 'admitted',
      reason: null,
      detail: 'Welcome. (Checked offline; it syncs when the connection is back.)',
      ticket: about,
      usedAt: at,
      usedGate: request.gate,
      offline: true,
    };
  }

  private remember(
    fields: { ticketId: string; eventId: string; seat: string },
    gate: string,
    at: string,
    offline: boolean,
  ) {
    this.db
      .prepare(
        `INSERT INTO door_scans (ticket_id, event_id, seat, gate, scanned_at, offline) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (ticket_id) DO NOTHING`,
      )
      .run(fields.ticketId, fields.eventId, fields.seat, gate, at, offline ? 1 : 0);
  }
}
