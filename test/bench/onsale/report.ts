// bench:onsale's printed figures: per sale (sold and sold twice as the database has them, time to sell out, hold and
// purchase latencies, status polls served beside holds), the fairness of the crowd's sale, the statements per status
// poll, and the admitted buyers' p99 with the crowd against without it over the same window after the opening.
import type { SaleResult, Timed } from './crowd.ts';
import { percentile as percentileOfSorted } from '../harness.ts';
import { admissionsOutOfOrder, placesOutOfArrivalOrder, shuffleQuality } from './fairness.ts';
import type { StatementCounts } from '../statements.ts';
import { extraStatements, totalCalls } from '../statements.ts';

export interface Sale {
  name: string;
  buyers: number;
  result: SaleResult;
  opensAt: number;
  endedAt: number;
  cpu: { client: number; server: number; postgres: number };
  polls: { served: number; origin: number };
}

export interface Stored {
  sold: number;
  tickets: number;
  twice: number;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const percentile = (values: number[], p: number) =>
  percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );

/** The latencies of requests started in [from, to). */
export const startedIn = (timed: Timed[], from: number, to: number): number[] =>
  timed.filter((t) => t.startedAt >= from && t.startedAt < to).map((t) => t.ms);

export function printSale(sale: Sale, stored: Stored, seats: number): void {
  const { result } = sale;
  const sellingEnds = result.lastSeatSoldAt ?? sale.endedAt;
  const sellingSeconds = (sellingEnds - sale.opensAt) / 1000;
  const outcomes = Object.entries(result.outcomes)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
  const holdMs = result.holds.map((t) => t.ms);
  const purchaseMs = result.purchases.map((t) => t.ms);
  const held = result.holds.length - result.holdRefused;
  console.log(`\n${sale.name}: ${sale.buyers} buyers (${outcomes})`);
  const soldOut = result.lastSeatSoldAt
    ? `sold out ${sellingSeconds.toFixed(1)} s after the opening`
    : `not sold out in ${sellingSeconds.toFixed(1)} s (${((stored.sold / sellingSeconds) * 60).toFixed(0)} seats a minute)`;
  const said = result.firstSoldOutSeenAt
    ? `the state said sold out ${((result.firstSoldOutSeenAt - sale.opensAt) / 1000).toFixed(1)} s after the opening`
    : 'the state never said sold out';
  console.log(
    `  seats sold ${stored.sold} of ${seats} (tickets ${stored.tickets}; the buyers counted ${result.seatsBought}), ` +
      `sold twice ${stored.twice}; ${soldOut}; ${said}`,
  );
  console.log(
    `  hold p50 ${ms(percentile(holdMs, 50))}, p99 ${ms(percentile(holdMs, 99))} (${result.holds.length} holds, ` +
      `${result.holdRefused} refused: seats taken); purchase (order → approve → complete) p50 ` +
      `${ms(percentile(purchaseMs, 50))}, p99 ${ms(percentile(purchaseMs, 99))}`,
  );
  console.log(
    `  status polls ${(sale.polls.served / sellingSeconds).toFixed(0)}/s served, ` +
      `${(sale.polls.origin / sellingSeconds).toFixed(1)}/s reached the origin, beside ${(held / sellingSeconds).toFixed(1)} ` +
      `holds/s and ${(purchaseMs.length / sellingSeconds).toFixed(1)} purchases/s (opening to sell-out or end); CPU ` +
      `cores: client ${sale.cpu.client.toFixed(2)}, server ${sale.cpu.server.toFixed(2)}, postgres ${sale.cpu.postgres.toFixed(2)}`,
  );
  if (result.failures.length > 0) console.log(`  failures: ${result.failures.join(' | ')}`);
}

const share = (part: number, of: number) => `${((part / Math.max(1, of)) * 100).toFixed(2)}%`;

export function printFairness(sale: Sale): void {
  const { result, opensAt } = sale;
  // As the server counted them: an early arrival got no place at joining (the shuffle gives it one at the opening).
  const after = result.joins.filter((j) => !j.early);
  const before = result.joins.filter((j) => j.early && j.place > 0);
  const lastEarlyPlace = Math.max(0, ...before.map((j) => j.place));
  const admissions = admissionsOutOfOrder(result.admissions.filter((a) => a.sentAt > opensAt));
  const places = placesOutOfArrivalOrder(after);
  const shuffle = shuffleQuality(before);
  console.log(
    `\nfairness (${sale.name}): admitted out of order ${share(admissions.outOfOrder, admissions.of)} ` +
      `(${admissions.outOfOrder} of ${admissions.of} admissions after the opening; goal ≤ 1%); places out of arrival ` +
      `order after the opening ${share(places.outOfOrder, places.of)} (${places.outOfOrder} of ${places.of}); arrivals ` +
      `after the opening placed among the earlier ones: ${after.filter((j) => j.place <= lastEarlyPlace).length}`,
  );
  console.log(
    `  arrivals before the opening (${shuffle.n}; ${result.placeUnknown} never learnt their place): rank correlation ` +
      `of arrival and place ρ = ${shuffle.rho.toFixed(3)} (a fair shuffle: |ρ| < ${shuffle.band.toFixed(3)} 95% of the ` +
      `time), first tenth of arrivals in the first tenth of places ${(shuffle.firstTenthKept * 100).toFixed(1)}% (fair: 10%)`,
  );
}

export function printStatements(
  probe: { polls: number; ms: number; idle: StatementCounts; polled: StatementCounts },
  crowdPolls: { served: number; origin: number },
): void {
  // Only statements that ran more while polling count (background work that happened to run more counts too, so
  // this is an upper bound; the total difference would let the idle window's noise cancel real work).
  const extra = extraStatements(probe.idle, probe.polled);
  const perPoll = extra.reduce((sum, statement) => sum + statement.extraCalls, 0) / probe.polls;
  console.log(
    `\nPostgres statements per status poll at the origin: ${perPoll.toFixed(4)} (goal 0; pg_stat_statements: ` +
      `${probe.polls} uncached polls in ${probe.ms / 1000} s ran ${totalCalls(probe.polled)} statements, an idle ` +
      `${probe.ms / 1000} s beside it ${totalCalls(probe.idle)}); per buyer's poll through the CDN: ` +
      `${((perPoll * crowdPolls.origin) / Math.max(1, crowdPolls.served)).toFixed(6)}; that is ` +
      `${((perPoll * probe.polls) / (probe.ms / 1000)).toFixed(1)} statements/s while polled`,
  );
  for (const statement of extra.slice(0, 4)) {
    if (statement.extraCalls / probe.polls < 0.001) continue;
    const query = statement.query.replace(/\s+/g, ' ').slice(0, 140);
    console.log(`  ${(statement.extraCalls / probe.polls).toFixed(4)}/poll: ${query}`);
  }
}

/** Admitted buyers' p99 with the crowd / without, over the same window after each sale's opening. */
export function printComparison(quiet: Sale, loud: Sale, windowMs: number): void {
  const p99 = (sale: Sale, timed: Timed[]) => percentile(startedIn(timed, sale.opensAt, sale.opensAt + windowMs), 99);
  const holds = [p99(loud, loud.result.holds), p99(quiet, quiet.result.holds)] as const;
  const purchases = [p99(loud, loud.result.purchases), p99(quiet, quiet.result.purchases)] as const;
  const count = (sale: Sale) =>
    `${startedIn(sale.result.holds, sale.opensAt, sale.opensAt + windowMs).length} holds, ` +
    `${startedIn(sale.result.purchases, sale.opensAt, sale.opensAt + windowMs).length} purchases`;
  console.log(
    `\nadmitted buyers in the first ${(windowMs / 1000).toFixed(0)} s after the opening (the crowd still arriving), ` +
      `with the crowd / without (goal ≤ 1.5×): hold p99 ${ms(holds[0])} / ${ms(holds[1])} = ` +
      `${(holds[0] / holds[1]).toFixed(2)}×, purchase p99 ${ms(purchases[0])} / ${ms(purchases[1])} = ` +
      `${(purchases[0] / purchases[1]).toFixed(2)}× (with: ${count(loud)}; without: ${count(quiet)})`,
  );
}
