// Apple's pass web service (issue 19), what Wallet on a device calls at the pass's webServiceURL: register and
// unregister a device for a pass's updates, list the passes of a device changed since a tag, fetch a pass's latest
// version, and log. A device proves each pass by its authentication token (`ApplePass <token>`); a wrong one is 401.
// Serial numbers are ticket ids; the tag is the newest version in milliseconds.
import type { Db } from '../../db/port.ts';
import {
  findPassTicket,
  listUpdatedPasses,
  registerPassDevice,
  unregisterPassDevice,
  type PassTicketRow,
} from '../../db/wallet-passes.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../ports.ts';
import type { WalletPasses } from './wallet-passes.ts';

export interface PassRequest {
  passTypeId: string;
  serialNumber: string;
  /** The Authorization header as sent. */
  authorization: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AppleWebService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly passes: WalletPasses,
    private readonly log: (message: string) => void = (message) => console.info(message),
  ) {}

  /** True when the registration is new (201), false when the device had it already (200). */
  async register(deviceLibraryId: string, request: PassRequest, pushToken: string): Promise<boolean> {
    const pass = await this.authorized(request);
    return registerPassDevice(this.db, {
      deviceLibraryId,
      ticketId: pass.ticket_id,
      pushToken,
      now: this.clock.now(),
    });
  }

  async unregister(deviceLibraryId: string, request: PassRequest): Promise<void> {
    const pass = await this.authorized(request);
    await unregisterPassDevice(this.db, deviceLibraryId, pass.ticket_id);
  }

  /** The serials changed after the tag, and the new tag; null when none changed (204). */
  async updatedSince(
    deviceLibraryId: string,
    passTypeId: string,
    tag: string | undefined,
  ): Promise<{ serialNumbers: string[]; lastUpdated: string } | null> {
    if (passTypeId !== this.passes.passTypeId) return null;
    const since = tag && /^\d{1,15}$/.test(tag) ? new Date(Number(tag)) : null;
    const rows = await listUpdatedPasses(this.db, deviceLibraryId, since);
    if (rows.length === 0) return null;
    const newest = Math.max(...rows.map((row) => row.updated_at.getTime()));
    return { serialNumbers: rows.map((row) => row.ticket_id), lastUpdated: String(newest) };
  }

  /** The latest pass, or 'not_modified' when the device's copy (If-Modified-Since) is as new. */
  async latest(
    request: PassRequest,
    ifModifiedSince: string | undefined,
  ): Promise<{ bytes: Uint8Array; lastModified: Date } | 'not_modified'> {
    const pass = await this.authorized(request);
    const lastModified = pass.updated_at!;
    // Versions are whole seconds (db/wallet-passes.ts), so HTTP's dates compare them exactly.
    if (ifModifiedSince) {
      const since = Date.parse(ifModifiedSince);
      if (Number.isFinite(since) && lastModified.getTime() <= since) return 'not_modified';
    }
    return { bytes: await this.passes.currentApplePass(pass.order_id, pass.ticket_id), lastModified };
  }

  logMessages(messages: readonly string[]): void {
    for (const message of messages.slice(0, 50)) this.log(`apple wallet: ${message.slice(0, 500)}`);
  }

  private async authorized(request: PassRequest): Promise<PassTicketRow & { updated_at: Date }> {
    const token = /^ApplePass (\S+)$/.exec(request.authorization ?? '')?.[1];
    const valid =
      token !== undefined &&
      request.passTypeId === this.passes.passTypeId &&
      UUID.test(request.serialNumber) &&
      this.passes.tokens.matches(request.serialNumber, token);
    if (!valid) throw new DomainError('unauthorized', 'Not a pass of this service.');
    const pass = await findPassTicket(this.db, request.serialNumber);
    if (!pass || pass.updated_at === null) throw new DomainError('unauthorized', 'Not a pass of this service.');
    return pass as PassTicketRow & { updated_at: Date };
  }
}
