// The origin lock's secret: CloudFront adds X-Origin-Verify with this secret's value to every request it passes to
// the HTTP API and to the WebSocket API's connects, and the functions, told the secret's ARN, refuse requests without
// it (cloud/http/origin-lock.ts; the WebSocket's $connect: cloud/lambda/websocket-route.ts), so the APIs' public
// execute-api addresses are no way round the WAF and the caches. The template holds a dynamic
// reference (`{{resolve:secretsmanager:…}}`) that CloudFormation resolves at deploy, never the value.
// Rotation is by hand, because CloudFront takes the new value only from a deploy (README.md, "Origin lock"): put a new
// value (the API accepts the current and the previous one), then deploy with `-c originVerifyVersionId=<its version>`.
import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, type IConstruct } from 'constructs';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_SECRET_ENV, ORIGIN_VERIFY_SECRET_FIELD } from '../contract/origin-lock.ts';

export interface OriginLockProps {
  /** The secret's version CloudFront sends (after a rotation); its current version when left out. */
  versionId?: string;
}

export class OriginLock extends Construct {
  readonly secret: secretsmanager.Secret;
  /** The header CloudFront adds to the APIs' origin requests, its value a reference to the secret. */
  readonly originHeaders: Record<string, string>;

  constructor(scope: Construct, id: string, props: OriginLockProps = {}) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `TicketBoss: the ${ORIGIN_VERIFY_HEADER} header CloudFront adds to the API's requests (origin lock)`,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: ORIGIN_VERIFY_SECRET_FIELD,
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand (README "Origin lock"): CloudFront takes a new header value only from a deploy of the distribution, so a rotation function could change the secret but not what CloudFront sends; the API accepts the current and the previous value meanwhile.',
    });
    // Resolved by CloudFormation at deploy: the template carries the reference, not the value.
    const value = SecretValue.secretsManager(this.secret.secretArn, {
      jsonField: ORIGIN_VERIFY_SECRET_FIELD,
      ...(props.versionId ? { versionId: props.versionId } : {}),
    });
    this.originHeaders = { [ORIGIN_VERIFY_HEADER]: value.unsafeUnwrap() };
  }

  /**
   * The function that checks the header: told the secret, allowed to read it, and updated only after `distribution`
   * (CloudFormation waits for it to be deployed), so the first deploy of the lock never refuses the shop's requests
   * while CloudFront does not yet send the header.
   */
  enforceIn(fn: lambda.Function, distribution: IConstruct): void {
    fn.addEnvironment(ORIGIN_VERIFY_SECRET_ENV, this.secret.secretArn);
    this.secret.grantRead(fn);
    fn.node.addDependency(distribution);
  }
}
