// cdk-nag acknowledgements that name each finding exactly (a rule with what it applies to), so a new wildcard that
// nobody looked at still fails the synth. Every reason is written where the acknowledgement is made.
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges `rule[finding]` for each finding, with one reason. Write an ARN's partition as `<AWS::Partition>`: it
 * becomes the partition as cdk-nag reads it in this stack (a literal such as `aws` when the region is known and
 * cdk.json's `@aws-cdk/core:enablePartitionLiterals` is on, else the pseudo parameter).
 */
export function acknowledgeEach(scope: IConstruct, rule: string, findings: string[], reason: string): void {
  const stack = Stack.of(scope);
  const partition: unknown = stack.resolve(stack.partition);
  const asRead = typeof partition === 'string' ? partition : '<AWS::Partition>';
  Validations.of(scope).acknowledge(
    ...findings.map((finding) => ({ id: `${rule}[${finding.replaceAll('<AWS::Partition>', asRead)}]`, reason })),
  );
}

/** How cdk-nag writes a reference to a resource's attribute in a finding: `<LogicalId.Attr>` (or `<LogicalId>`). */
export function nagRef(construct: IConstruct, attribute?: string): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  const id = Stack.of(construct).resolve(element.logicalId) as string;
  return `<${id}${attribute ? `.${attribute}` : ''}>`;
}

/**
 * Acknowledges an AWS Control Tower guard rule (cdk-validator-cfnguard, by the rule's name in its .guard file) on
 * `scope` and everything under it, with the reason it does not apply there.
 */
export function acknowledgeGuard(scope: IConstruct, rule: string, reason: string): void {
  if (reason.trim().length < 60) throw new Error(`Say why ${rule} does not apply to ${scope.node.path} (a sentence)`);
  Validations.of(scope).acknowledge({ id: `cdk-validator-cfnguard::${rule}`, reason });
}
