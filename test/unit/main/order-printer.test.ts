// The box office's printer: a concession sold with a promo code, fees and VAT prints a ticket with its type, what it
// cost and its door check, and a receipt with the order's breakdown line by line, from the event the device caches.
import { describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import { OrderPrinter } from '../../../main/sales/order-printer.ts';
import type { CatalogFetcher } from '../../../main/sync/catalog-fetcher.ts';
import type { PrintJob, Printer } from '../../../main/peripherals/printer.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import { concessionOrder, event, orderOf, SECTIONS } from '../domain/documents-fixtures.ts';

const SEATMAP_ID = '66666666-6666-4666-8666-666666666666';

function counter(order: ReturnType<typeof orderOf>) {
  const answers = new Map<string, unknown>([
    [apiPaths.event(order.eventId), { ...event('EUR'), seatmapId: SEATMAP_ID }],
    [apiPaths.seatMap(SEATMAP_ID), { sections: SECTIONS, seats: [] }],
  ]);
  const catalog = {
    get: async (path: string) => ({ value: answers.get(path), offline: false, fetchedAt: '' }),
  } as unknown as CatalogFetcher;
  const jobs: PrintJob[] = [];
  const printer: Printer = {
    print: async (job) => {
      jobs.push(job);
      return job.kind;
    },
  };
  return { printer: new OrderPrinter(catalog, printer, () => new Date('2030-05-01T10:02:00Z')), jobs };
}

describe('the box office prints a concession sold with a code, fees and VAT', () => {
  it('prints the ticket type, its price and the door check, and the breakdown on the receipt', async () => {
    const breakdown = concessionOrder(
      'EUR',
      { label: 'VAT', ratePpm: 200_000, mode: 'exclusive', feesTaxable: true },
      [5000, 3000, 150],
    );
    const order = orderOf(breakdown);
    const { printer, jobs } = counter(order);
    expect(await printer.print(order, { tickets: true, receipt: true })).toEqual(['tickets', 'receipt']);

    const tickets = await readPdf(jobs[0]!.pdf);
    // The concession: 30.00 − 10 % + 1.50 service fee, 20 % VAT on top = 34.20.
    expect(tickets.pages[1]!.lines).toContain('Concession · Stalls · €34.20');
    expect(tickets.pages[1]!.lines).toContain('Door check: Show student ID at the door');
    expect(tickets.pages[0]!.lines).toContain('Adult · Stalls · €61.80');

    const receipt = (await readPdf(jobs[1]!.pdf)).pages[0]!.lines;
    const at = (label: string) => receipt[receipt.indexOf(label) + 1];
    expect(at('Stalls · Row C · Seat 13 · Concession')).toBe('€30.00');
    expect(at('Discount (SPRING)')).toBe('-€3.00');
    expect(at('Subtotal')).toBe('€80.00');
    expect(at('Fees')).toBe('€7.50');
    expect(at('VAT 20 %')).toBe('€16.90');
    expect(at('Total')).toBe('€101.40');
  });
});
