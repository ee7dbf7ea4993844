// Messaging: the jobs queue (outbox → SQS → job Lambda) and the live queue (seat changes → fan-out Lambda), each with
// a dead-letter queue that takes a message after three failed runs; encrypted, TLS-only. SES: the sending identity
// (a domain, with DKIM) and a configuration set that keeps bounces and complaints apart from the shared IP reputation.
import { Duration } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MessagingProps {
  /** The domain tickets are sent from (e.g. ticketboss.example); without one, SES is set up by hand. */
  emailDomain?: string;
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
  return { queue, deadLetters };
}

export class Messaging extends Construct {
  readonly jobs: sqs.Queue;
  readonly jobsDeadLetters: sqs.Queue;
  readonly live: sqs.Queue;
  readonly liveDeadLetters: sqs.Queue;
  readonly configurationSet: ses.ConfigurationSet;
  readonly identity: ses.EmailIdentity | null;

  constructor(scope: Construct, id: string, props: MessagingProps = {}) {
    super(scope, id);
    ({ queue: this.jobs, deadLetters: this.jobsDeadLetters } = queueWithDeadLetters(this, 'Jobs', Duration.minutes(6)));
    ({ queue: this.live, deadLetters: this.liveDeadLetters } = queueWithDeadLetters(this, 'Live', Duration.minutes(3)));
    this.configurationSet = new ses.ConfigurationSet(this, 'Email', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.identity = props.emailDomain
      ? new ses.EmailIdentity(this, 'Domain', {
          identity: ses.Identity.domain(props.emailDomain),
          configurationSet: this.configurationSet,
          mailFromDomain: `mail.${props.emailDomain}`,
        })
      : null;
  }
}
