// The Lambda functions: one code asset (the esbuild output of `npm run build:lambda`, built locally, no Docker), one
// function per entry, all in the private subnets and the Lambdas' security group, Node.js 24 on arm64 (Graviton:
// about 20% cheaper per GB-second than x86_64; build-lambda bundles the arm64 native module whatever machine builds,
// its DEPLOY_ARCH), JSON logs kept for a year,
// traced with X-Ray (active tracing: the Powertools tracer in cloud/lambda writes each invocation's subsegments). Each gets exactly the grants it needs.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { Data } from './data.ts';
import { Network } from './network.ts';
import { shopEnv } from './function-env.ts';

export interface FunctionsProps {
  /** The folder `npm run build:lambda` wrote (dist/lambda). */
  codeDir: string;
  network: Network;
  data: Data;
  /** Public address of the web shop, for links in emails. */
  publicUrl: string;
  /** The second region the app secret is replicated to (backup.ts's disaster-recovery region). */
  secretReplicaRegion?: string;
}

export interface FunctionOptions {
  memoryMb?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** Connects to Postgres through the proxy as the app user (all but the migration). */
  database?: boolean;
  /** Instances it may run at once, taken out of the account's pool (and never more): see README, Concurrency. */
  reservedConcurrency?: number;
  /** Another security group than the Lambdas' (the migration's, which reaches the instance directly). */
  securityGroup?: ec2.ISecurityGroup;
  /** A physical name, only where another resource must reach the function by name (see names.ts). */
  functionName?: string;
}

/** The `service` its logs, traces and metrics carry (POWERTOOLS_SERVICE_NAME); the dashboard reads metrics by it. */
export const serviceNameOf = (entry: string): string => `ticketboss-${entry}`;

export class Functions extends Construct {
  readonly code: lambda.Code;
  /** The master secret every key is derived from (ticket signing, identity, order links) and third-party keys. */
  readonly appSecret: secretsmanager.Secret;
  readonly all: lambda.Function[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FunctionsProps,
  ) {
    super(scope, id);
    this.code = lambda.Code.fromAsset(props.codeDir);
    this.appSecret = new secretsmanager.Secret(this, 'AppSecret', {
      description: 'TicketBoss: the master secret keys are derived from; mailing and Amazon Pay keys are added here',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'master',
        passwordLength: 64,
        excludePunctuation: true,
      },
      // Every ticket key derives from it: deleting the stack must not void every ticket sold, and losing the region
      // must not either (the replica can be promoted, see README.md "Durability").
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.secretReplicaRegion ? { replicaRegions: [{ region: props.secretReplicaRegion }] } : {}),
    });
    Validations.of(this.appSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Replacing the master secret would void every ticket already sold; keys are rotated by label instead (TICKET_KEY, RETIRED_TICKET_KEYS), see README.',
    });
  }

  /** A function running `cloud/lambda/<entry>.ts`. */
  add(entry: string, options: FunctionOptions = {}): lambda.Function {
    const database = options.database ?? true;
    const fn = new lambda.Function(this, entry, {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: this.code,
      handler: `${entry}.handler`,
      ...(options.functionName ? { functionName: options.functionName } : {}),
      memorySize: options.memoryMb ?? 512,
      timeout: options.timeout ?? Duration.seconds(29),
      vpc: this.props.network.vpc,
      vpcSubnets: Network.LAMBDA_SUBNETS,
      securityGroups: [options.securityGroup ?? this.props.network.lambdaSecurityGroup],
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: new logs.LogGroup(this, `${entry}Logs`, { retention: logs.RetentionDays.ONE_YEAR }),
      ...(options.reservedConcurrency ? { reservedConcurrentExecutions: options.reservedConcurrency } : {}),
      tracing: lambda.Tracing.ACTIVE,
      // A version is published only for a function with an alias (the API's); the one it replaces goes.
      currentVersionOptions: { removalPolicy: RemovalPolicy.DESTROY },
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceNameOf(entry),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(database
          ? {
              DB_HOST: this.props.data.proxy.endpoint,
              DB_USER: Data.APP_USER,
              DB_NAME: 'ticketboss',
              APP_SECRET_ARN: this.appSecret.secretArn,
              ...shopEnv(this.props.publicUrl), // redirects
            }
          : {}),
        ...options.environment,
      },
    });
    if (database) {
      this.props.data.proxy.grantConnect(fn, Data.APP_USER);
      this.appSecret.grantRead(fn);
    }
    Validations.of(fn.role!).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The AWS-managed basic execution policy only lets the function write its own logs; a copy of it would say the same.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        reason:
          'Lambda needs this AWS-managed policy to create its network interfaces in the private subnets; it grants no data access.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing: X-Ray has no resource-level permissions, so PutTraceSegments and PutTelemetryRecords are granted on "*" (they only write trace data).',
      },
    );
    this.all.push(fn);
    return fn;
  }
}
