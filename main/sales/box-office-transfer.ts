// transfer (issue 19): the box office passes tickets of an order on, for a buyer at the counter: the cloud sends the
// recipient the accept link (the same transfer as the buyer's own, marked as the counter's and audited as the clerk's).
import { randomUUID } from 'node:crypto';
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { Transfer } from '../../cloud/contract/transfers.ts';
import type { BridgeInput } from '../../preload/bridge.ts';
import type { Device } from '../session/device.ts';
import type { CloudClient } from '../sync/cloud-client.ts';

export class BoxOfficeTransfers {
  constructor(private readonly deps: { session: Pick<Device, 'requireClerk'>; cloud: CloudClient }) {}

  send(input: BridgeInput<'orders:transfer'>): Promise<Transfer> {
    this.deps.session.requireClerk();
    const { orderId, ...body } = input;
    // One key per clerk action: the cloud client's own retries of it are answered once.
    return this.deps.cloud.call<Transfer>(apiRoutes.sendTransfer, apiPaths.orderTransfers(orderId), {
      body,
      headers: { [apiHeaderKeys.idempotencyKey]: randomUUID() },
    });
  }
}
