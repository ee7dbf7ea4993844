// The whole AWS estate of TicketBoss as one CDK stack of parts (network, data, …), checked offline by cdk-nag's
// AwsSolutions rules. See README.md in this folder for what is here and why.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Data } from './data.ts';
import { Network } from './network.ts';

export class TicketBossStack extends Stack {
  readonly network: Network;
  readonly data: Data;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.network = new Network(this, 'Network');
    this.data = new Data(this, 'Data', this.network);
  }
}
