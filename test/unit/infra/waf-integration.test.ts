// The shop passes AWS WAF's challenge with the web ACL's integration script when the stack is given its URL
// (`edge.wafIntegrationUrl`): the URL is deployed beside the shop as /waf-integration.json (invalidated with each
// deploy) and the CSP lets the script and its calls in; without one the CSP stays the shop's own and the file says
// null (the shop reloads its page on a challenge instead).
import { describe, expect, it } from 'vitest';
import { wafIntegration, WAF_INTEGRATION_FILE } from '../../../cloud/infra/edge-security.ts';
import { synth, TEST_WEB_ACL_ARN, type Resource } from './synth.ts';

const URL_GIVEN = 'https://abc123def456.us-east-1.sdk.awswaf.com/abc123def456/0f1e2d3c4b5a/';

const cspOf = (resources: Record<string, Resource>): string =>
  Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')!.Properties
    .ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
const deploymentOf = (resources: Record<string, Resource>) =>
  Object.values(resources).find((r) => r.Type === 'Custom::CDKBucketDeployment')!;

describe('the WAF integration URL for the shop', () => {
  it('is deployed beside the shop and allowed by the CSP for scripts and connections', () => {
    const { resources, error } = synth('eu-west-1', {
      edge: { webAclArn: TEST_WEB_ACL_ARN, wafIntegrationUrl: URL_GIVEN },
    });
    expect(error).toBeNull();
    const csp = cspOf(resources);
    const origin = new URL(URL_GIVEN).origin;
    expect(csp).toMatch(new RegExp(`script-src 'self' ${origin} https://\\*\\.awswaf\\.com;`));
    expect(csp).toMatch(new RegExp(`connect-src 'self' wss: ${origin} https://\\*\\.awswaf\\.com;`));
    const deployment = deploymentOf(resources);
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    expect(deployment.Properties.DistributionPaths).toContain(`/${WAF_INTEGRATION_FILE}`);
  });

  it('without it the CSP is the shop`s own, and the file still comes (saying none)', () => {
    const { resources } = synth('eu-west-1');
    expect(cspOf(resources)).not.toContain('awswaf');
    expect(cspOf(resources)).toContain("script-src 'self'; connect-src 'self' wss:;");
    expect(deploymentOf(resources).Properties.DistributionPaths).toContain(`/${WAF_INTEGRATION_FILE}`);
    expect(wafIntegration(undefined)).toEqual({ url: null, sources: '' });
  });

  it('takes an https URL only', () => {
    expect(() => wafIntegration('http://abc.sdk.awswaf.com/x/y/')).toThrow(/https/);
    expect(() => wafIntegration('not a url')).toThrow();
  });
});
