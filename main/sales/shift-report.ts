// The clerk's shift at the counter: what was taken and refunded since the shift began, by payment method, with the
// cash the drawer should hold; shown on screen and printed in the signed-in clerk's name.
//
// Money in the drawer is counted per currency. The counter takes the currencies its venue's events sell in (the venue
// has none of its own): usually one, several only when the venue's events differ. The clerk gives an opening float in
// each; the cloud reports what was sold per method and currency, and the drawer's float is added here, per currency
// (the float is the drawer's business: the cloud never keeps it).
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { EventSummary, Money, ShiftReport } from '../../cloud/contract/index.ts';
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

/** The venue as the counter knows it from its events on sale (cached, so this answers offline too). */
interface CounterVenue {
  name: string;
  timezone: string;
  currencies: string[];
}

export class ShiftReports {
  constructor(private readonly deps: ShiftReportsDeps) {}

  async currencies(): Promise<BridgeOutput<'shift:currencies'>> {
    this.deps.session.requireClerk();
    return { currencies: (await this.venue()).currencies };
  }

  async report(query: BridgeInput<'shift:report'>): Promise<ShiftReport> {
    this.deps.session.requireClerk();
    const params = new URLSearchParams({ from: query.from });
    const sold = await this.deps.cloud.call<ShiftReport>(
      apiRoutes.shiftReport,
      `${apiPaths.shiftReport()}?${params.toString()}`,
    );
    return { ...sold, cashExpected: withOpeningFloats(sold.cashExpected, query.openingFloats) };
  }

  async print(query: BridgeInput<'shift:print'>): Promise<BridgeOutput<'shift:print'>> {
    const report = await this.report(query);
    const venue = await this.venue();
    const seller = this.deps.session.clerk?.principal.name ?? report.seller;
    return { printed: [await this.deps.printing.printShiftReport({ ...report, seller }, venue, query.openingFloats)] };
  }

  private async venue(): Promise<CounterVenue> {
    const credential = this.deps.session.requireKind('boxoffice');
    const { events } = (
      await this.deps.catalog.get<{ events: EventSummary[] }>(
        `${apiPaths.events()}?venueId=${credential.venueId}&limit=100`,
      )
    ).value;
    // Every tier of an event is priced in its currency; an event without tiers sells nothing.
    const currencies = new Set(events.flatMap((event) => (event.priceRange ? [event.priceRange.min.currency] : [])));
    return {
      name: events[0]?.venue.name ?? credential.name,
      timezone: events[0]?.venue.timezone ?? 'UTC',
      currencies: [...currencies].sort(),
    };
  }
}

/** Cash expected per currency plus the opening float in that currency; a currency with a float and no sale too. */
export function withOpeningFloats(cashExpected: readonly Money[], openingFloats: readonly Money[]): Money[] {
  const byCurrency = new Map(cashExpected.map((money) => [money.currency, money.amount]));
  for (const float of openingFloats) {
    byCurrency.set(float.currency, (byCurrency.get(float.currency) ?? 0) + float.amount);
  }
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ amount, currency }));
}
