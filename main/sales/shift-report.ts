// The clerk's shift at the counter: what was taken and refunded since the shift began, by payment method, with the
// cash the drawer should hold; shown on screen and printed in the signed-in clerk's name.
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { ShiftReport } from '../../cloud/contract/index.ts';
import type { BridgeInput, BridgeOutput } from '../../preload/bridge.ts';
import type { Device } from '../session/device.ts';
import type { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import type { CloudClient } from '../sync/cloud-client.ts';
import type { OrderPrinter } from './order-printer.ts';

export interface ShiftReportsDeps {
  session: Pick<Device, 'requireClerk' | 'requireKind' | 'clerk'>;
  cloud: CloudClient;
  catalog: CatalogFetcher;
  printing: OrderPrinter;
}

export class ShiftReports {
  constructor(private readonly deps: ShiftReportsDeps) {}

  async report(query: BridgeInput<'shift:report'>): Promise<ShiftReport> {
    this.deps.session.requireClerk();
    const params = new URLSearchParams({ from: query.from, openingFloat: String(query.openingFloat) });
    return this.deps.cloud.call<ShiftReport>(apiRoutes.shiftReport, `${apiPaths.shiftReport()}?${params.toString()}`);
  }

  async print(query: BridgeInput<'shift:print'>): Promise<BridgeOutput<'shift:print'>> {
    const report = await this.report(query);
    const credential = this.deps.session.requireKind('boxoffice');
    const events = await this.deps.catalog.get<{ events: { venue: { id: string; name: string; timezone: string } }[] }>(
      `${apiPaths.events()}?venueId=${credential.venueId}&limit=1`,
    );
    const venue = events.value.events[0]?.venue ?? { name: credential.name, timezone: 'UTC' };
    const seller = this.deps.session.clerk?.principal.name ?? report.seller;
    return { printed: [await this.deps.printing.printShiftReport({ ...report, seller }, venue, query.openingFloat)] };
  }
}
