// The database: RDS PostgreSQL, Multi-AZ, encrypted, backed up for 14 days, deletion-protected, in isolated subnets,
// never public. Lambdas reach it only through RDS Proxy with IAM authentication (no passwords in functions); the
// master credentials live in Secrets Manager and rotate every 30 days.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as sam from 'aws-cdk-lib/aws-sam';
import { Construct } from 'constructs';
import { acknowledgeLogRetentionFunction, LOG_RETENTION } from './log-retention.ts';
import { stackUniqueName } from './names.ts';
import { acknowledgeGuard } from './nag.ts';
import { Network } from './network.ts';

export class Data extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly proxy: rds.DatabaseProxy;
  /** Encrypts the storage, the snapshots and Performance Insights. */
  readonly key: kms.Key;
  /** The master-password rotation function's name (its Errors metric is alarmed in operations.ts). */
  readonly rotationFunctionName: string;
  /** The user the API connects as (through the proxy, with an IAM token). */
  static readonly APP_USER = 'ticketboss';

  constructor(scope: Construct, id: string, network: Network) {
    super(scope, id);
    const subnets = Network.DATA_SUBNETS;
    // A key of our own rather than the AWS-managed aws/rds key: its policy is ours to read and limit, and snapshots
    // encrypted with it can be copied to the recovery region and shared with a recovery account.
    this.key = new kms.Key(this, 'DatabaseKey', {
      description: 'TicketBoss: the database storage, its snapshots and Performance Insights',
      enableKeyRotation: true,
      // The snapshot taken on removal and the backups stay readable only while this key exists.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.instance = new rds.DatabaseInstance(this, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      vpc: network.vpc,
      vpcSubnets: subnets,
      multiAz: true,
      publiclyAccessible: false,
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      allocatedStorage: 100,
      maxAllocatedStorage: 1000,
      storageType: rds.StorageType.GP3,
      backupRetention: Duration.days(14),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      iamAuthentication: true,
      credentials: rds.Credentials.fromGeneratedSecret('ticketboss_admin'),
      databaseName: 'ticketboss',
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: this.key,
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      cloudwatchLogsRetention: LOG_RETENTION,
      autoMinorVersionUpgrade: true,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      parameters: { 'rds.force_ssl': '1' },
    });
    acknowledgeLogRetentionFunction(Stack.of(this));
    // The rotation function (from AWS's Serverless Application Repository) runs in the isolated subnets beside the
    // database, in a group of its own that reaches only Postgres and the Secrets Manager endpoint. It calls Secrets
    // Manager by its public name, which the endpoint's private DNS answers in the VPC (CDK's `endpoint` option would
    // give it a vpce-… host name that Secrets Manager does not publish).
    const rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: network.vpc,
      description: 'TicketBoss master-password rotation (to Postgres and the Secrets Manager endpoint)',
      allowAllOutbound: false,
    });
    rotationSecurityGroup.connections.allowTo(network.secretsManager, ec2.Port.tcp(443), 'Rotation to Secrets Manager');
    const rotation = this.instance.addRotationSingleUser({
      automaticallyAfter: Duration.days(30),
      securityGroup: rotationSecurityGroup,
      vpcSubnets: subnets,
    });
    // CDK names the function after the construct path; a name from the stack's id cannot clash with another stack's.
    this.rotationFunctionName = stackUniqueName('ticketboss-rotation');
    (rotation.node.defaultChild as sam.CfnApplication).addPropertyOverride(
      'Parameters.functionName',
      this.rotationFunctionName,
    );
    // Its logs, in the group Lambda would make on first run and keep forever, made first with a retention.
    rotation.node.addDependency(
      new logs.LogGroup(this, 'RotationLogs', {
        logGroupName: `/aws/lambda/${this.rotationFunctionName}`,
        retention: LOG_RETENTION,
      }),
    );
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason:
        'The default port stays: the instance is in isolated subnets and its security group admits only RDS Proxy; a different port would hide nothing.',
    });
    acknowledgeGuard(
      this.instance,
      'rds_instance_no_default_ports_check',
      'The default port stays: the instance is in isolated subnets with no route out and its security group admits only RDS Proxy, the migration and the rotation; another port would hide nothing from them.',
    );
    const monitoringRole = this.instance.node.findChild('MonitoringRole');
    Validations.of(monitoringRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      reason:
        'Enhanced Monitoring requires this AWS-managed service-role policy (it only lets RDS publish OS metrics to CloudWatch Logs).',
    });
    // End-to-end IAM: Lambdas sign in to the proxy with IAM tokens, and the proxy to Postgres with IAM as the same
    // user (the app role is granted rds_iam by the migration), so the app user has no password anywhere.
    const proxyRole = new iam.Role(this, 'ProxyRole', { assumedBy: new iam.ServicePrincipal('rds.amazonaws.com') });
    proxyRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['rds-db:connect'], resources: [this.dbUserArn(Data.APP_USER)] }),
    );
    this.proxy = new rds.DatabaseProxy(this, 'Proxy', {
      proxyTarget: rds.ProxyTarget.fromInstance(this.instance),
      role: proxyRole,
      defaultAuthScheme: rds.DefaultAuthScheme.IAM_AUTH,
      vpc: network.vpc,
      vpcSubnets: subnets,
      // CloudFormation requires a name, unique in the account and region: one from the stack's id, never a second
      // stack's (CDK's default would be the construct id, "Proxy").
      dbProxyName: stackUniqueName('ticketboss'),
      iamAuth: true,
      requireTLS: true,
      // Lambdas open and close connections all the time; the proxy keeps a warm pool to Postgres.
      maxConnectionsPercent: 80,
      borrowTimeout: Duration.seconds(10),
    });
    this.proxy.connections.allowFrom(network.lambdaSecurityGroup, ec2.Port.tcp(5432), 'Lambdas to RDS Proxy');
    this.instance.connections.allowDefaultPortFrom(this.proxy, 'RDS Proxy to Postgres');
  }

  /** The IAM resource a principal needs `rds-db:connect` on to sign in to the instance as this user. */
  dbUserArn(user: string): string {
    const stack = Stack.of(this);
    return `arn:${stack.partition}:rds-db:${stack.region}:${stack.account}:dbuser:${this.instance.instanceResourceId}/${user}`;
  }
}
