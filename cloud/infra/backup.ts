// The database's backups beyond RDS's own: RDS keeps 14 days of point-in-time recovery in the region (data.ts); an AWS
// Backup plan takes a daily snapshot, keeps it 35 days in a vault encrypted with a key of our own, and copies it to a
// vault in a second region (BackupCopyStack, deployed there first), so losing the region or the account's RDS
// backups in it does not lose the sales. A failed backup or copy job tells the alarm topic.
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { limitGrantsToAwsServices } from './keys.ts';

/** How long each daily snapshot is kept, in the region and in the copy region (RDS's own PITR is 14 days). */
export const BACKUP_RETENTION = Duration.days(35);

/**
 * The region a region's backups and secret replica go to when no `drRegion` is given: a neighbour in the same
 * jurisdiction (EU stays in the EU), so copying is quick and the data's residency does not change.
 */
const NEIGHBOURS: Record<string, string> = {
  'us-east-1': 'us-west-2',
  'us-east-2': 'us-west-2',
  'us-west-1': 'us-east-1',
  'us-west-2': 'us-east-1',
  'ca-central-1': 'ca-west-1',
  'eu-west-1': 'eu-central-1',
  'eu-west-2': 'eu-west-1',
  'eu-west-3': 'eu-central-1',
  'eu-central-1': 'eu-west-1',
  'eu-central-2': 'eu-central-1',
  'eu-north-1': 'eu-central-1',
  'eu-south-1': 'eu-central-1',
  'eu-south-2': 'eu-west-3',
  'ap-northeast-1': 'ap-northeast-3',
  'ap-northeast-2': 'ap-northeast-1',
  'ap-south-1': 'ap-south-2',
  'ap-southeast-1': 'ap-southeast-2',
  'ap-southeast-2': 'ap-southeast-4',
  'sa-east-1': 'us-east-1',
};

/** The disaster-recovery region for `region` (the `drRegion` setting overrides it). */
export function defaultDrRegion(region: string): string {
  const neighbour = NEIGHBOURS[region];
  if (!neighbour) throw new Error(`No default backup region for ${region}: give one with -c drRegion=<region>`);
  return neighbour;
}

/**
 * The copy vault's name, known to both stacks without a reference between them (one would cross regions): from the
 * main stack's name and region, so a second estate, or the same one in another region, never takes the same name.
 */
export function copyVaultName(mainStackName: string, mainRegion: string): string {
  const name = `${mainStackName}-${mainRegion}-copies`;
  if (!/^[A-Za-z0-9_-]{2,50}$/.test(name))
    throw new Error(`Backup vault name ${name}: at most 50 letters, digits, - or _`);
  return name;
}

export interface BackupCopyStackProps extends StackProps {
  /** The TicketBoss stack whose backups are copied here, and its region. */
  mainStackName: string;
  mainRegion: string;
}

/** The second region's vault the daily snapshots are copied into (deploy it before the main stack; it depends on it). */
export class BackupCopyStack extends Stack {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    super(scope, id, props);
    limitGrantsToAwsServices(this);
    // RDS snapshots copied across regions are encrypted with the destination vault's key: keep it as long as the
    // copies (deleting it would make every copy unreadable).
    const key = new kms.Key(this, 'CopiesKey', {
      description: `TicketBoss: database backups copied from ${props.mainRegion}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new backup.BackupVault(this, 'Copies', {
      backupVaultName: copyVaultName(props.mainStackName, props.mainRegion),
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

export interface DatabaseBackupProps {
  database: rds.DatabaseInstance;
  /** The copy vault (BackupCopyStack) and its region. */
  copyRegion: string;
  copyVaultName: string;
  /** Where failed backup and copy jobs are reported. */
  alarmTopic: sns.ITopic;
  /** The alarm topic's key: EventBridge must be let to use it, or the failure never arrives. */
  alarmTopicKey: kms.IKey;
}

export class DatabaseBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  readonly copyVaultArn: string;

  constructor(scope: Construct, id: string, props: DatabaseBackupProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = new kms.Key(this, 'BackupsKey', {
      description: 'TicketBoss: the database backup vault',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new backup.BackupVault(this, 'Vault', {
      // From the stack's name and region, like the names CDK generates: a second stack has another name.
      backupVaultName: `${stack.stackName}-${stack.region}-backups`,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.copyVaultArn = stack.formatArn({
      region: props.copyRegion,
      service: 'backup',
      resource: 'backup-vault',
      resourceName: props.copyVaultName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `${stack.stackName}-${stack.region}-database`,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          backupVault: this.vault,
          // Snapshots, not AWS Backup's continuous backup: that would take over RDS's own point-in-time recovery.
          scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
          startWindow: Duration.hours(8),
          completionWindow: Duration.days(1),
          deleteAfter: BACKUP_RETENTION,
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', this.copyVaultArn),
              deleteAfter: BACKUP_RETENTION,
            },
          ],
        }),
      ],
    });
    const selection = this.plan.addSelection('Database', {
      resources: [backup.BackupResource.fromRdsDatabaseInstance(props.database)],
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'AWS Backup takes and copies the snapshots with this AWS-managed service-role policy, which AWS keeps in step with what each resource type needs.',
    });

    // A job that fails (or never starts in its window) says so on the alarm topic.
    const failed = new events.Rule(this, 'JobFailed', {
      description: 'TicketBoss: a database backup or its copy to the second region failed',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
    });
    failed.addTarget(new eventTargets.SnsTopic(props.alarmTopic));
    props.alarmTopicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeBackupFailuresPublish',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy "*" is this key; no condition, as for CloudWatch's (see operations.ts).
        resources: ['*'],
      }),
    );
  }
}
