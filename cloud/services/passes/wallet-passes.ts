// Wallet passes for buyers (issue 19): an Apple Wallet pass file and a "Save to Google Wallet" link per ticket, for
// the order's buyer (order token or account; anyone else: not found), offered only when the operator configured
// them. Handing one out records the ticket (wallet_passes) so later changes reach it: the `ticket_passes_update`
// job bumps the pass's version, wakes the devices Apple registered and patches the object Google holds.
import { apiPatterns } from '../../contract/routes.ts';
import { DEFAULT_BRAND_COLOR } from '../../domain/brand/brand-color.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  applePassJson,
  googleEventTicketClass,
  googleEventTicketObject,
  googleClassId,
  googleClassPatch,
  googleObjectId,
  googleObjectPatch,
  type GoogleWalletIdentity,
} from '../../domain/tickets/passes.ts';
import type { Db } from '../../db/port.ts';
import {
  deletePassRegistrationsOfPushTokens,
  findPassTicket,
  listPushTokens,
  markPassesUpdated,
  recordPassIssued,
} from '../../db/wallet-passes.ts';
import type { OrderAccess } from '../access/order-access.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { OrderQueries } from '../orders/queries.ts';
import type { Clock } from '../ports.ts';
import { googleSaveLink } from './google-save-link.ts';
import { loadPass, type LoadedPass } from './pass-content.ts';
import { PassTokens } from './pass-tokens.ts';
import type { PassesSettings } from './ports.ts';

export interface WalletPassesDeps {
  db: Db;
  queries: OrderQueries;
  catalog: CatalogService;
  contexts: EventContexts;
  clock: Clock;
  settings: PassesSettings;
  tokenKey: Buffer;
  publicUrl: () => string;
  shopOrigins: () => readonly string[];
}

/** Apple's web service lives under this path of the API (the device appends `/v1/devices/…`). */
export const APPLE_WEB_SERVICE_BASE = apiPatterns.applePassLog.replace(/\/v1\/log$/, '');

export class WalletPasses {
  readonly tokens: PassTokens;

  constructor(private readonly deps: WalletPassesDeps) {
    this.tokens = new PassTokens(deps.tokenKey);
  }

  /** Which wallets this deployment offers (the shop hides the buttons of the others). */
  offered(): { apple: boolean; google: boolean } {
    return { apple: Boolean(this.deps.settings.apple), google: Boolean(this.deps.settings.google) };
  }

  get passTypeId(): string | null {
    return this.deps.settings.apple?.passTypeId ?? null;
  }

  /** The .pkpass of a valid ticket of the order, for its buyer. */
  async applePassForBuyer(orderId: string, ticketId: string, access: OrderAccess): Promise<Uint8Array> {
    if (!this.deps.settings.apple) throw notOffered();
    const loaded = await this.buyersPass(orderId, ticketId, access);
    await recordPassIssued(this.deps.db, {
      ticketId,
      eventId: loaded.eventId,
      now: this.deps.clock.now(),
      google: false,
    });
    return this.applePassFile(loaded);
  }

  /** The save link of a valid ticket of the order, for its buyer. */
  async googleLinkForBuyer(orderId: string, ticketId: string, access: OrderAccess): Promise<string> {
    const google = this.deps.settings.google;
    if (!google) throw notOffered();
    const loaded = await this.buyersPass(orderId, ticketId, access);
    const identity = this.googleIdentity()!;
    const logoUri = loaded.logoPath ? `${this.deps.publicUrl()}${loaded.logoPath}` : null;
    const now = this.deps.clock.now();
    await recordPassIssued(this.deps.db, { ticketId, eventId: loaded.eventId, now, google: true });
    return googleSaveLink(
      google,
      {
        eventTicketClass: googleEventTicketClass(loaded.ticket, loaded.eventId, identity, logoUri),
        eventTicketObject: googleEventTicketObject(loaded.ticket, loaded.eventId, identity),
      },
      this.deps.shopOrigins(),
      now,
    );
  }

  /** The pass as it is now (Apple's web service: the device fetches it after a push), signed. */
  async currentApplePass(orderId: string, ticketId: string): Promise<Uint8Array> {
    const order = await this.deps.queries.viewForJobs(orderId);
    return this.applePassFile(await loadPass(this.deps, order, ticketId));
  }

  /** The `ticket_passes_update` job: new versions of these tickets' passes, devices woken, Google's objects patched. */
  handlers(): Record<string, JobHandler> {
    return {
      [OUTBOX_TOPICS.ticketPassesUpdate]: async (job) => {
        const { ticketIds } = job.payload as { ticketIds: string[] };
        await this.passesChanged(ticketIds);
      },
    };
  }

  async passesChanged(ticketIds: readonly string[]): Promise<void> {
    const { db, clock, settings } = this.deps;
    const changed = await markPassesUpdated(db, ticketIds, clock.now());
    if (changed.length === 0) return;
    if (settings.apple && settings.push) {
      const pushTokens = await listPushTokens(
        db,
        changed.map((row) => row.ticket_id),
      );
      if (pushTokens.length > 0) {
        const { gone } = await settings.push.notify(settings.apple.passTypeId, pushTokens);
        await deletePassRegistrationsOfPushTokens(db, gone);
      }
    }
    const identity = this.googleIdentity();
    if (identity && settings.googleObjects) {
      const classesPatched = new Set<string>();
      for (const row of changed.filter((candidate) => candidate.google_saved)) {
        const order = await this.deps.queries.viewForJobs(await this.orderOfTicket(row.ticket_id));
        const loaded = await loadPass(this.deps, order, row.ticket_id);
        // The class carries the date: patched once a job per event, so a postponement reaches Google too.
        const classId = googleClassId(identity, loaded.eventId);
        if (!classesPatched.has(classId)) {
          classesPatched.add(classId);
          await settings.googleObjects.patchEventTicketClass(classId, googleClassPatch(loaded.ticket));
        }
        await settings.googleObjects.patchEventTicketObject(
          googleObjectId(identity, row.ticket_id),
          googleObjectPatch(loaded.ticket),
        );
      }
    }
  }

  private async orderOfTicket(ticketId: string): Promise<string> {
    const found = await findPassTicket(this.deps.db, ticketId);
    if (!found) throw new DomainError('not_found', 'No such ticket.');
    return found.order_id;
  }

  private googleIdentity(): GoogleWalletIdentity | null {
    const google = this.deps.settings.google;
    return google ? { issuerId: google.issuerId, issuerName: google.issuerName ?? 'TicketBoss' } : null;
  }

  private async buyersPass(orderId: string, ticketId: string, access: OrderAccess): Promise<LoadedPass> {
    const order = await this.deps.queries.get(orderId, access);
    const loaded = await loadPass(this.deps, order, ticketId);
    // A pass carries the static code, which a rotating_only event's door refuses.
    if (loaded.rotatingOnly) throw notOffered();
    if (loaded.ticket.state !== 'valid') {
      throw new DomainError('order_state_conflict', 'This ticket is no longer valid.', { field: 'ticketId' });
    }
    return loaded;
  }

  private async applePassFile(loaded: LoadedPass): Promise<Uint8Array> {
    const apple = this.deps.settings.apple;
    if (!apple) throw notOffered();
    const json = applePassJson(loaded.ticket, {
      passTypeId: apple.passTypeId,
      teamId: apple.teamId,
      organizationName: apple.organizationName ?? 'TicketBoss',
      webServiceUrl: `${this.deps.publicUrl()}${APPLE_WEB_SERVICE_BASE}`,
      authenticationToken: this.tokens.forTicket(loaded.ticket.printable.ticketId),
    });
    // passkit-generator and node-forge load with the first pass, not with every function's start.
    const { signApplePass } = await import('./apple-pass-file.ts');
    return signApplePass(json, apple, {
      colour: loaded.ticket.printable.brandColor ?? DEFAULT_BRAND_COLOR,
      logo: loaded.logo,
    });
  }
}

const notOffered = () => new DomainError('not_found', 'Wallet passes of this kind are not offered here.');
