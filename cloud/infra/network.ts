// The network: a VPC over two Availability Zones with no NAT gateways. Lambdas and the database live in isolated
// private subnets and reach AWS services through VPC endpoints, so nothing in them has a route to the internet and
// no NAT bill runs.
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Lambdas that talk to the database and to AWS APIs sit in this group. */
  readonly lambdaSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 },
        // Public subnets hold nothing but keep the layout ready for a NAT or a load balancer (see README.md).
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
      ],
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(
            new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_MONTH }),
          ),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    this.lambdaSecurityGroup = new ec2.SecurityGroup(this, 'LambdaSecurityGroup', {
      vpc: this.vpc,
      description: 'TicketBoss Lambda functions',
      allowAllOutbound: false,
    });
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    // AWS APIs the functions call, reached privately.
    for (const [name, service] of [
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
      ['Sqs', ec2.InterfaceVpcEndpointAwsService.SQS],
      ['Ses', ec2.InterfaceVpcEndpointAwsService.EMAIL_SMTP],
      ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
    ] as const) {
      const endpoint = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: isolated,
        privateDnsEnabled: true,
        // Not open to the whole VPC: only the Lambdas' security group, below.
        open: false,
      });
      endpoint.connections.allowFrom(this.lambdaSecurityGroup, ec2.Port.tcp(443), `Lambdas to ${name}`);
      this.lambdaSecurityGroup.connections.allowTo(endpoint, ec2.Port.tcp(443), `${name} over HTTPS`);
    }
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [isolated] });
  }
}
