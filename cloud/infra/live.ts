// The live seat view's fan-out in AWS: the function that reads the live queue and pushes each event's merged changes
// to the WebSocket connections watching it (cloud/lambda/live-fanout.ts), and what it may do.
import { Duration, type Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Api } from './api.ts';
import { acknowledgeEach, nagRef } from './nag.ts';

export interface LiveFanoutProps {
  fanout: lambda.Function;
  api: Api;
  liveQueue: sqs.IQueue;
  /** The fan-out's reserved concurrency, which the queue's pollers must not exceed. */
  maxConcurrency: number;
}

export function wireLiveFanout(stack: Stack, { fanout, api, liveQueue, maxConcurrency }: LiveFanoutProps): void {
  fanout.addEnvironment('WS_MANAGEMENT_ENDPOINT', api.liveManagementEndpoint);
  api.liveStage.grantManagementApiAccess(fanout);
  // Up to 100 changes or one second, merged per event into one push (see COSTS.md: messages are what a live view
  // costs); at most two fan-outs at once, so a watcher gets at most about two pushes a second.
  fanout.addEventSource(
    new SqsEventSource(liveQueue, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      maxConcurrency,
      reportBatchItemFailures: true,
    }),
  );
  acknowledgeEach(
    fanout.role!,
    'AwsSolutions-IAM5',
    [
      `Resource::arn:<AWS::Partition>:execute-api:${stack.region}:${stack.account}:${nagRef(api.live)}/live/*/@connections/*`,
    ],
    'Pushing to a WebSocket client is POST /@connections/<id> on the live stage; connection ids are made by API Gateway at connect, so the stage path ends in a wildcard.',
  );
}
