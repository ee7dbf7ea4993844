// Customer-managed KMS keys: the rule every key of the estate follows, and the key CloudWatch Logs encrypts every log
// group with (access logs and function logs carry buyers' IP addresses and email addresses).
import { Aspects, Duration, RemovalPolicy, Stack, type IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';

/**
 * A grant lets its holder use a key without the key policy saying so. Only AWS services acting for one of our
 * resources (RDS for the database's storage, Backup for its copies) may create one: a person or role with
 * kms:CreateGrant cannot hand the key to someone else (AWS Control Tower CT.KMS.PR.3).
 */
class GrantsForAwsServicesOnly implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof kms.Key)) return;
    node.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }
}

/** Every KMS key made under `scope` (a stack) gets the statement that keeps grants for AWS services. */
export function limitGrantsToAwsServices(scope: IConstruct): void {
  Aspects.of(scope).add(new GrantsForAwsServicesOnly());
}

/** Every log group of the stack encrypted with the logs key (CT.CLOUDWATCH.PR.3), however it was made. */
class LogGroupsEncrypted implements IAspect {
  constructor(private readonly key: kms.Key) {}

  visit(node: IConstruct): void {
    if (node instanceof logs.CfnLogGroup && node.kmsKeyId === undefined) node.kmsKeyId = this.key.keyArn;
  }
}

export class Keys extends Construct {
  /** CloudWatch Logs encrypts every log group of the stack with it. */
  readonly logs: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.logs = new kms.Key(this, 'LogsKey', {
      description: 'TicketBoss: CloudWatch Logs encrypts every log group of the stack with this key',
      enableKeyRotation: true,
      // Log groups outlive a stack deletion (retained), and stay readable only while their key exists.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.logs.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsUse',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        // Only for this account's log groups in this region (the context CloudWatch Logs sends with each call).
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
    limitGrantsToAwsServices(stack);
    Aspects.of(stack).add(new LogGroupsEncrypted(this.logs));
  }
}
