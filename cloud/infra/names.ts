// Physical names that must be unique in the account (or region) but that CloudFormation requires or that another
// resource needs before it can reference the named one: derived from the stack's own id (a UUID CloudFormation
// gives each stack), so a second TicketBoss stack in the same account never clashes with the first.
import { Aws, Fn } from 'aws-cdk-lib';

/** `<prefix>-<the stack's UUID>` (36 characters after the prefix: lowercase hex and single hyphens). */
export function stackUniqueName(prefix: string): string {
  return Fn.join('-', [prefix, Fn.select(2, Fn.split('/', Aws.STACK_ID))]);
}
