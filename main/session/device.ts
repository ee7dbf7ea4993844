// The machine's own session with the cloud and the loop that keeps it in step: pairing with a one-time code, the
// device token (renewed well before it runs out), the clerk signed in on top of it, the status the screens show, and
// the sync loop that pushes the outbox whenever the cloud answers. Selling, orders, allotments and the door live in
// their own modules and ask this one who may act (requireClerk, requireKind) and for a sync when they queued work.
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { CreatedDevice, Session } from '../../cloud/contract/index.ts';
import type { DeviceStatus } from '../../preload/bridge.ts';
import type { CacheDb, StorageNotice } from '../cache/database.ts';
import type { Outbox } from '../cache/outbox.ts';
import { CloudProblem, refusal, type CloudClient } from '../sync/cloud-client.ts';
import type { Connectivity } from '../sync/connectivity.ts';
import { httpSender, OutboxPusher } from '../sync/outbox-pusher.ts';
import { CredentialStore, type DeviceCredential, type SecretBox } from './credentials.ts';

const RENEW_BEFORE_MS = 3600_000;

export interface DeviceDeps {
  db: CacheDb;
  cloud: CloudClient;
  connectivity: Connectivity;
  outbox: Outbox;
  secretBox?: SecretBox;
  /** How often the sync loop looks at the outbox and, when offline, whether the cloud is back. */
  syncIntervalMs?: number;
  clock?: () => Date;
  /** Damaged store files found at start (database.ts), shown in the status until the app restarts. */
  storageNotices?: StorageNotice[];
}

export class Device {
  private readonly credentials: CredentialStore;
  private readonly pusher: OutboxPusher;
  private deviceToken: string | null = null;
  /** When the device token runs out (ms); renewed by the sync loop well before. */
  private deviceTokenExpires = 0;
  private staff: Session | null = null;
  private syncing = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly clock: () => Date;
  private readonly syncTasks: (() => Promise<void>)[] = [];

  constructor(private readonly deps: DeviceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.credentials = new CredentialStore(deps.db, deps.secretBox);
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
          problemType: problemTypeOf(entry.response),
          createdAt: entry.createdAt,
        })),
      },
      ...(this.deps.storageNotices?.length ? { storage: this.deps.storageNotices } : {}),
    };
  }

  /** Pairs this machine with the one-time code an admin got from the cloud, keeps the credential, signs in. */
  async register(code: string): Promise<DeviceStatus> {
    if (this.credentials.load()) throw refusal('already_registered', 409, 'This machine is registered already.');
    const device = await this.deps.cloud.call<CreatedDevice>(apiRoutes.pairDevice, apiPaths.devicePairing(), {
      body: { code },
    });
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
    const session = await this.deps.cloud.call<Session>(apiRoutes.signInDevice, apiPaths.deviceSignIn(), {
      body: { deviceId: stored.credential.deviceId, secret: stored.credential.secret },
    });
    this.deviceToken = session.accessToken;
    this.deviceTokenExpires = this.clock().getTime() + session.expiresIn * 1000;
    if (!this.staff) this.deps.cloud.setToken(session.accessToken);
  }

  /** The device's own token, signing in for one first when there is none (what the machine's allotments go under). */
  async deviceBearer(): Promise<string | undefined> {
    if (!this.deviceToken) await this.signInDevice();
    return this.deviceToken ?? undefined;
  }

  /** The stored credential; refused until the machine is paired. */
  requireRegistered(): DeviceCredential {
    const credential = this.credentials.load()?.credential;
    if (!credential) throw refusal('not_registered', 409, 'Pair this machine first.');
    return credential;
  }

  requireKind(kind: 'kiosk' | 'boxoffice'): DeviceCredential {
    const credential = this.requireRegistered();
    if (credential.kind !== kind) throw refusal('forbidden', 403, `This is for a ${kind} machine.`);
    return credential;
  }

  /** A clerk signs in at the counter: staff of this venue (or an admin); sales are theirs until they sign out. */
  async signInStaff(email: string, password: string): Promise<DeviceStatus> {
    const credential = this.requireKind('boxoffice');
    const session = await this.deps.cloud.call<Session>(apiRoutes.signIn, apiPaths.signIn(), {
      body: { email, password },
    });
    const groups = session.principal.groups;
    const here =
      groups.includes('admin') || (groups.includes('clerk') && session.principal.venueId === credential.venueId);
    if (!here) throw refusal('forbidden', 403, 'This account is not box-office staff at this venue.');
    this.staff = session;
    this.deps.cloud.setToken(session.accessToken);
    return this.status();
  }

  signOutStaff(): DeviceStatus {
    this.staff = null;
    this.deps.cloud.setToken(this.deviceToken);
    return this.status();
  }

  /** A box office with a clerk signed in (one who signed in before the network went stays signed in). */
  requireClerk(): void {
    this.requireKind('boxoffice');
    if (!this.staff) throw refusal('unauthorized', 401, 'Sign in as a clerk first.');
  }

  /** The clerk signed in now, if any (the shift report is printed in their name). */
  get clerk(): Session | null {
    return this.staff;
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
    if (this.deps.connectivity.online) {
      for (const task of this.syncTasks) await task().catch(() => {});
    }
    return this.status();
  }

  /** Work for every sync while the cloud answers, besides the outbox (the door's revocation list). */
  onSync(task: () => Promise<void>): void {
    this.syncTasks.push(task);
  }

  /** A sync in the background, for work just queued (an offline sale, an offline door scan). */
  syncSoon(): void {
    void this.syncNow().catch(() => {});
  }

  /** Whether the cloud answers, asking it again first when the machine believes it is offline. */
  async reachable(): Promise<boolean> {
    if (!this.deps.connectivity.online) await this.probe();
    return this.deps.connectivity.online;
  }

  private async probe(): Promise<void> {
    try {
      await this.deps.cloud.call(apiRoutes.shopConfig, apiPaths.shopConfig());
      // A kiosk runs for days: sign in again when the token is missing or has less than an hour left.
      if (!this.deviceToken || this.deviceTokenExpires - this.clock().getTime() < RENEW_BEFORE_MS) {
        await this.signInDevice();
      }
    } catch {
      // Still offline: the next tick tries again.
    }
  }

  startSync(): void {
    this.timer ??= setInterval(() => this.syncSoon(), this.deps.syncIntervalMs ?? 3000);
    this.timer.unref?.();
  }

  stopSync(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The problem type of a refusal the cloud stored with a rejected outbox entry, when it answered problem+json. */
function problemTypeOf(response: unknown): string | null {
  const type = (response as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : null;
}
