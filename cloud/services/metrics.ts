// Business metrics of the use cases: what an operator watches during an on-sale (holds made, orders paid, payments
// that failed, how long a job waited, requests refused by contention). A port, so the services only say what
// happened: in AWS the Lambdas write CloudWatch metrics (EMF lines, flushed per invocation); locally nothing counts.

/** Counted events; each is a CloudWatch metric of that name in the TicketBoss namespace. */
export type CountMetric = 'HoldsCreated' | 'OrdersPaid' | 'PaymentFailures' | 'Contention';
/** Durations in milliseconds: JobAge is the time from an outbox job's creation to its run. */
export type DurationMetric = 'JobAge';

export interface Meter {
  count(metric: CountMetric, value?: number): void;
  milliseconds(metric: DurationMetric, value: number): void;
}

export const noMeter: Meter = { count: () => {}, milliseconds: () => {} };
