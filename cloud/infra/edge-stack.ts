// TicketBossEdge: what CloudFront takes only from us-east-1, for a main stack elsewhere: the shop's certificate (with a
// domain) and the WAF web ACL (edge-security.ts). Deployed first; its outputs are given to the main stack as context
// (`-c certificateArn=… -c webAclArn=…`), as app.ts says. A context value rather than a cross-region reference: CDK's
// cross-region references are custom resources with functions of their own in both regions, and pin the ACL's ARN
// (it could never be replaced); two values an operator copies once cost less.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { EDGE_REGION, EdgeSecurity, type EdgeSecurityProps } from './edge-security.ts';
import { Keys } from './keys.ts';

export interface EdgeStackProps extends StackProps {
  /** The shop's domain and its zone: its certificate is made here (kept while the domain is set). */
  domain?: { name: string; hostedZoneId: string; zoneName: string };
  security?: EdgeSecurityProps;
}

export class EdgeStack extends Stack {
  readonly security: EdgeSecurity;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (this.region !== EDGE_REGION) throw new Error(`TicketBossEdge lives in ${EDGE_REGION}`);
    if (props.domain) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: props.domain.hostedZoneId,
        zoneName: props.domain.zoneName,
      });
      const certificate = new acm.Certificate(this, 'Certificate', {
        domainName: props.domain.name,
        validation: acm.CertificateValidation.fromDns(zone),
      });
      new CfnOutput(this, 'CertificateArn', { value: certificate.certificateArn });
    }
    // The WAF logs carry buyers' IP addresses: encrypted with a key of this stack's, as every log group of the estate.
    new Keys(this, 'Keys');
    this.security = new EdgeSecurity(this, 'EdgeSecurity', props.security);
    new CfnOutput(this, 'WebAclArn', { value: this.security.webAclArn });
  }
}
