// A venue's machines in the back office (capability staff:manage, scoped by venue): the list with each machine's
// last call and app version, registering one, a one-time pairing code, and revoking one (its token and secret stop
// working at once). Each is in the audit log, in the change's transaction.
import type { CreateDevice, CreatedDevice, DeviceSummary, PairingCode } from '../../contract/index.ts';
import { listDevices, revokeDevice, type DeviceListRow } from '../../db/devices.ts';
import { findDevice } from '../../db/identity.ts';
import type { Db } from '../../db/port.ts';
import { cutOffTokens } from '../../db/staff.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorizeStaff, staffVenueScope } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';
import type { IdentityService } from './identity-service.ts';

const presentDevice = (row: DeviceListRow): DeviceSummary => ({
  id: row.id,
  venueId: row.venue_id,
  kind: row.kind,
  name: row.name,
  createdAt: row.created_at.toISOString(),
  lastSeenAt: row.last_seen_at?.toISOString() ?? null,
  appVersion: row.app_version,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

const kindName = (kind: string) => (kind === 'kiosk' ? 'kiosk' : 'box office');

export class DeviceAdmin {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly identity: IdentityService,
  ) {}

  async list(principal: Principal | undefined, venueId?: string): Promise<DeviceSummary[]> {
    const scope = staffVenueScope(principal, 'staff:manage');
    if (venueId) authorizeStaff(principal, 'staff:manage', venueId);
    const rows = await listDevices(this.db, venueId ? [venueId] : scope === 'all' ? null : scope);
    return rows.map(presentDevice);
  }

  /** Registers a machine with a secret shown once (scripts; the back office pairs with a code instead). */
  async register(principal: Principal | undefined, request: CreateDevice): Promise<CreatedDevice> {
    const actor = authorizeStaff(principal, 'staff:manage', request.venueId);
    return this.db.transaction(async (tx) => {
      const device = await this.identity.createDevice(request, undefined, tx);
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'device.register',
          objectType: 'device',
          objectId: device.id,
          venueId: device.venueId,
          summary: `Registered the ${kindName(device.kind)} “${device.name}”`,
          after: { kind: device.kind, name: device.name },
        },
        this.clock.now(),
      );
      return device;
    });
  }

  async createPairingCode(principal: Principal | undefined, request: CreateDevice): Promise<PairingCode> {
    const actor = authorizeStaff(principal, 'staff:manage', request.venueId);
    return this.db.transaction(async (tx) => {
      const code = await this.identity.createPairingCode(request, actor.sub, tx);
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'device.pairing_code',
          objectType: 'venue',
          objectId: request.venueId,
          venueId: request.venueId,
          // Never the code itself: the log is read by more people than the one pairing the machine.
          summary: `Made a pairing code for the ${kindName(request.kind)} “${request.name}”`,
          after: { kind: request.kind, name: request.name, expiresAt: code.expiresAt },
        },
        this.clock.now(),
      );
      return code;
    });
  }

  /** The machine's secret is refused from now on, and so is every token it was given. */
  async revoke(principal: Principal | undefined, deviceId: string): Promise<DeviceSummary> {
    authorizeStaff(principal, 'staff:manage');
    const device = await findDevice(this.db, deviceId);
    if (!device) throw new DomainError('not_found', 'No such device.');
    const actor = authorizeStaff(principal, 'staff:manage', device.venue_id);
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      if (!(await revokeDevice(tx, deviceId, actor.sub, now))) return;
      await cutOffTokens(tx, deviceId, now);
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'device.revoke',
          objectType: 'device',
          objectId: deviceId,
          venueId: device.venue_id,
          summary: `Revoked the ${kindName(device.kind)} “${device.name}”`,
          before: { revoked: false },
          after: { revoked: true },
        },
        now,
      );
    });
    const [row] = (await listDevices(this.db, [device.venue_id])).filter((candidate) => candidate.id === deviceId);
    return presentDevice(row!);
  }
}
