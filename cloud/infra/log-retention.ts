// How long the estate keeps its logs, and a log group with that retention for every Lambda function CDK makes itself
// (custom resource providers such as the one that restricts the VPC's default security group, or the one that sets
// the retention of RDS's exported logs): without one, Lambda makes `/aws/lambda/<name>` on first run and keeps it
// forever. Our own functions and CDK's other singletons (the shop's upload) already have a group with a retention.
import { CfnResource, Validations, type IAspect, type Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import { acknowledgeEach, acknowledgeGuard } from './nag.ts';

/**
 * One year: what AWS Control Tower's guard rule CT.CLOUDWATCH.PR.2 asks for, and cheap beside ingestion (a GB kept
 * a year costs less than ingesting it once: 12 × $0.03 against $0.50 in us-east-1). A group kept for less says why.
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** Gives each CloudFormation-level Lambda function (one CDK made without an L2) a log group kept LOG_RETENTION. */
export class ProviderLogGroups implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node instanceof lambda.CfnFunction) return;
    if (node.cfnResourceType !== 'AWS::Lambda::Function') return;
    const scope = node.node.scope;
    if (!scope || scope.node.tryFindChild(`${node.node.id}Logs`)) return;
    const group = new logs.LogGroup(scope, `${node.node.id}Logs`, { retention: LOG_RETENTION });
    node.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
  }
}

/**
 * CDK's function that sets the retention of log groups a service makes itself (RDS's exported logs), one per stack at
 * its root: acknowledged where a retention is asked for.
 */
export function acknowledgeLogRetentionFunction(stack: Stack): void {
  for (const fn of stack.node.children.filter((c) => c.node.id.startsWith('LogRetention'))) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK’s log-retention function writes only its own logs with the AWS-managed basic execution policy.',
    });
    acknowledgeEach(
      fn,
      'AwsSolutions-IAM5',
      ['Resource::*'],
      'CDK’s log-retention function only sets and removes retention policies (no wildcard action, no log data), on groups RDS names after the instance when it exports logs, and on its own group.',
    );
  }
}

/**
 * CDK's own deploy-time functions, one per stack at its root (the one that empties the VPC's default security group,
 * the one that sets log retention, the one that uploads the shop): they call only AWS APIs, at deploy, and touch no database or customer data, so
 * they have nothing to reach inside the VPC (AWS Control Tower CT.LAMBDA.PR.3).
 */
export function acknowledgeDeployTimeFunctions(stack: Stack): void {
  for (const fn of stack.node.children.filter((c) =>
    /^(Custom::VpcRestrictDefaultSG|LogRetention|Custom::CDKBucketDeployment)/.test(c.node.id),
  )) {
    acknowledgeGuard(
      fn,
      'lambda_inside_vpc_check',
      'One of CDK’s own deploy-time functions (emptying the default security group, setting log retention, copying the built shop into its bucket): it calls only AWS APIs during a deploy and touches no database or customer data.',
    );
  }
}
