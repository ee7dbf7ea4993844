// The network: a VPC over two Availability Zones. The database sits in isolated subnets with no route out; the
// Lambdas sit in private subnets whose only way out is a NAT gateway per AZ (Amazon Pay, the mailing service, the
// WebSocket management API and API Gateway's key API are public endpoints), and reach Secrets Manager and SQS
// through VPC endpoints, S3 through a gateway endpoint.
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './log-retention.ts';

export interface NetworkProps {
  /** NAT gateways: one per AZ (2) so losing an AZ does not cut the other's way out; 1 halves that cost. */
  natGateways?: number;
}

export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Lambdas that talk to the database and to AWS APIs sit in this group. */
  readonly lambdaSecurityGroup: ec2.SecurityGroup;
  /**
   * Its private DNS answers for Secrets Manager's public name in the whole VPC, so every caller of Secrets Manager
   * (the Lambdas, the migration, the password rotation) must be admitted to it, or its calls hang.
   */
  readonly secretsManager: ec2.InterfaceVpcEndpoint;
  static readonly LAMBDA_SUBNETS = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  static readonly DATA_SUBNETS = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      // The stack names them (its <region>a and b), so synth looks nothing up.
      availabilityZones: Stack.of(this).availabilityZones.slice(0, 2),
      natGateways: props.natGateways ?? 2,
      subnetConfiguration: [
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: 'functions', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        // Only the NAT gateways live here (and an ALB, if one is ever needed: see README.md).
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
      ],
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(
            new logs.LogGroup(this, 'FlowLogs', { retention: LOG_RETENTION }),
          ),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    Validations.of(this.vpc).acknowledge({
      id: 'CloudFormation-Validate::W3010',
      reason:
        'The two zones are named on purpose (the stack overrides availabilityZones) so synth needs no account lookup and the subnets never move.',
    });
    this.lambdaSecurityGroup = new ec2.SecurityGroup(this, 'LambdaSecurityGroup', {
      vpc: this.vpc,
      description: 'TicketBoss Lambda functions',
      allowAllOutbound: false,
    });
    // HTTPS out (through NAT) to the third parties and the AWS APIs that have no endpoint here.
    this.lambdaSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to AWS APIs and third parties',
    );
    // AWS APIs called on every job or cold start, reached privately (and without NAT data charges).
    const endpoint = (name: string, service: ec2.InterfaceVpcEndpointAwsService) => {
      const created = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: Network.LAMBDA_SUBNETS,
        privateDnsEnabled: true,
        // Not open to the whole VPC: only the groups admitted by name (the Lambdas' here, others with allowFrom).
        open: false,
      });
      created.connections.allowFrom(this.lambdaSecurityGroup, ec2.Port.tcp(443), `Lambdas to ${name}`);
      return created;
    };
    this.secretsManager = endpoint('SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
    endpoint('Sqs', ec2.InterfaceVpcEndpointAwsService.SQS);
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    // The live registry (subscriptions, watchers read on every push, watchable events): an on-sale's millions of
    // DynamoDB calls go by the route tables, free, instead of through NAT at $0.045 a GB.
    this.vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
  }
}
