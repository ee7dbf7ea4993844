// Messaging: the jobs queue (outbox → SQS → job Lambda), the exports queue (export jobs → their own Lambda: minutes
// each, never in the way of a buyer's tickets) and the live queue (seat changes → fan-out Lambda), each with a
// dead-letter queue that takes a message after three failed runs; encrypted, TLS-only. SES: the sending identity (a
// domain, with DKIM) and a configuration set that keeps bounces and complaints apart from the shared IP reputation.
// When the domain is the stack's Route 53 zone or under it, the identity writes its own DKIM and MAIL FROM records.
import { Duration } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeGuard } from './nag.ts';

export interface MessagingProps {
  /** The domain tickets are sent from (e.g. ticketboss.example); without one, SES is set up by hand. */
  emailDomain?: string;
  /** The stack's hosted zone: if the email domain is it or under it, the identity's DNS records go into it. */
  hostedZone?: { hostedZoneId: string; zoneName: string };
}

function queueWithDeadLetters(scope: Construct, id: string, visibility: Duration) {
  const deadLetters = new sqs.Queue(scope, `${id}DeadLetters`, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // At least six times the function's timeout, as Lambda's SQS integration advises.
    visibilityTimeout: visibility,
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
  });
  acknowledgeGuard(
    deadLetters,
    'sqs_dlq_check',
    'This is a dead-letter queue, the end of the line: its messages are alarmed on and looked at by a person. Naming its source queue in a redrive-allow policy would close a reference cycle with the source queue’s redrive policy.',
  );
  return { queue, deadLetters };
}

export class Messaging extends Construct {
  readonly jobs: sqs.Queue;
  readonly jobsDeadLetters: sqs.Queue;
  readonly exports: sqs.Queue;
  readonly exportsDeadLetters: sqs.Queue;
  readonly live: sqs.Queue;
  readonly liveDeadLetters: sqs.Queue;
  /** Every dead-letter queue (each alarmed on any message). */
  readonly deadLetters: sqs.Queue[];
  readonly configurationSet: ses.ConfigurationSet;
  readonly identity: ses.EmailIdentity | null;

  constructor(scope: Construct, id: string, props: MessagingProps = {}) {
    super(scope, id);
    // Six times the functions' timeouts: the jobs' minute, an export's fifteen (ticketboss-stack.ts).
    ({ queue: this.jobs, deadLetters: this.jobsDeadLetters } = queueWithDeadLetters(this, 'Jobs', Duration.minutes(6)));
    ({ queue: this.exports, deadLetters: this.exportsDeadLetters } = queueWithDeadLetters(
      this,
      'Exports',
      Duration.minutes(90),
    ));
    ({ queue: this.live, deadLetters: this.liveDeadLetters } = queueWithDeadLetters(this, 'Live', Duration.minutes(3)));
    this.deadLetters = [this.jobsDeadLetters, this.liveDeadLetters, this.exportsDeadLetters];
    this.configurationSet = new ses.ConfigurationSet(this, 'Email', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.identity = props.emailDomain
      ? new ses.EmailIdentity(this, 'Domain', {
          identity: this.identityOf(props.emailDomain, props.hostedZone),
          configurationSet: this.configurationSet,
          mailFromDomain: `mail.${props.emailDomain}`,
        })
      : null;
  }

  /**
   * The domain, with its records published when the zone holds it. A domain under the zone (tickets.example.com in
   * example.com) is seen as a zone of that name with the parent's id: SES then verifies the domain itself, and
   * Route 53 takes its records in the parent zone.
   */
  private identityOf(domain: string, zone: MessagingProps['hostedZone']): ses.Identity {
    if (!zone || !(domain === zone.zoneName || domain.endsWith(`.${zone.zoneName}`)))
      return ses.Identity.domain(domain);
    return ses.Identity.publicHostedZone(
      route53.HostedZone.fromHostedZoneAttributes(this, 'EmailZone', {
        hostedZoneId: zone.hostedZoneId,
        zoneName: domain,
      }),
    );
  }
}
