// Tracing and business metrics for every function (Lambda Powertools, beside the logger):
// - the X-Ray tracer: one subsegment per invocation (cold start and service annotated, errors as metadata), AWS SDK
//   clients captured where they are made (`traced`), outgoing HTTPS (third parties) captured too. It is off outside
//   Lambda, and without an X-Ray daemon or trace context it stays quiet (a missing context is ignored, not thrown).
//   Responses are not recorded: they carry hold and order tokens.
// - metrics as CloudWatch EMF lines (namespace TicketBoss, dimension `service`), buffered during an invocation and
//   written to stdout at its end, so CloudWatch Logs turns them into metrics without a call to CloudWatch.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Meter } from '../services/metrics.ts';

/** The namespace of the business metrics; the estate's dashboard and alarms read them from it. */
export const METRICS_NAMESPACE = 'TicketBoss';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'ticketboss';
const tracer = new Tracer({ serviceName });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });

/** The services' meter, onto this invocation's metrics. */
export const lambdaMeter: Meter = {
  count: (metric, value = 1) => metrics.addMetric(metric, MetricUnit.Count, value),
  milliseconds: (metric, value) => metrics.addMetric(metric, MetricUnit.Milliseconds, value),
};

/** An AWS SDK v3 client whose calls appear in the trace as the service and operation they are. */
export function traced<Client>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}

/**
 * The handler, traced and metered: its own subsegment in the invocation's trace, and the metrics it counted written
 * when it ends (whether it answered or threw). An invocation that counted nothing writes nothing.
 */
export function observed<Event, Context, Result>(
  name: string,
  handler: (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  return async (event, context) => {
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment(`## ${name}`);
    if (segment) tracer.setSegment(segment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(event, context);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      if (parent && segment) {
        segment.close();
        tracer.setSegment(parent);
      }
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
