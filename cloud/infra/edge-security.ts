// The shop's web application firewall: an AWS WAF web ACL on the CloudFront distribution (scope CLOUDFRONT, so it
// must live in us-east-1: in the main stack when that is there, else in the TicketBossEdge stack, see edge-stack.ts),
// in the order a request meets its rules:
//   1. AWS's IP reputation and anonymous-IP lists (known bad actors, hosting providers and anonymisers: where ticket
//      bots run) block;
//   2. rate limits per IP address, answered 429 problem+json with Retry-After like the API's own (the shop backs off):
//      every request but the cached polls, the cached polls apart (looser: a carrier NAT's buyers all poll), and a
//      tighter one on the on-sale's POSTs (joining the queue, holding seats, placing an order);
//   3. AWS's common rule set and known bad inputs (bodies over 8 KB only counted: the API has its own body limits and
//      the back office posts larger ones);
//   4. Bot Control at the common level, on API calls and page loads only (static files and the cached polls are not
//      worth its charge);
//   5. a silent browser challenge: the on-sale's POSTs need a WAF token that a browser earned, and a page load (not a
//      verified search engine's) earns one, so a buyer who opened the shop holds one before they post; a buyer whose
//      token lapsed (an hour in the queue) is challenged on the POST, and the shop passes it (renderer/client/
//      waf-challenge.ts: AWS's integration script when `wafIntegration` gives it the URL, else a page reload).
// Metrics and sampled requests on every rule; WAF logs (only what a rule blocked, challenged or counted, with
// authorization and cookies redacted) to a log group `aws-waf-logs-…` kept a year.
import { Duration, Stack, ArnFormat } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PROBLEM_BASE } from '../contract/common.ts';
import { ON_SALE_CACHED_READS_REGEX } from './edge-cache.ts';
import { API_PREFIX, shopPatterns } from '../contract/shop-routes.ts';
import { LOG_RETENTION } from './log-retention.ts';
import { stackUniqueName } from './names.ts';

/** The region of every CLOUDFRONT-scoped web ACL (and of CloudFront's certificates). */
export const EDGE_REGION = 'us-east-1';

/** The web ACL's metric name: its metrics' `WebACL` dimension (in us-east-1, `AWS/WAFV2`, `Rule` ALL or a rule's). */
export const EDGE_METRIC_NAME = 'ticketboss-edge';

/** A route pattern as a regular expression over the path (`/v1/events/:eventId/holds` → `/v1/events/[^/]+/holds`). */
const pathRegex = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, '[^/]+');

/**
 * The POSTs an on-sale's bots aim at: joining the waiting room, holding seats, placing the order (the waiting
 * room's join is `joinQueue` in the contract: `/v1/events/:eventId/queue/join`).
 */
export const ON_SALE_POSTS = [`${shopPatterns.event}/queue/join`, shopPatterns.eventHolds, shopPatterns.orders];
export const ON_SALE_POSTS_REGEX = `^(${ON_SALE_POSTS.map(pathRegex).join('|')})/?$`;

export interface EdgeSecurityProps {
  /** Requests per IP address in 5 minutes, over everything (default 3,000: ten a second, room for a shared NAT). */
  requestsPerIp?: number;
  /**
   * The on-sale's cached reads (queue state, live deltas) per IP address in 5 minutes, apart from the rest (default
   * 20,000: buyers behind one carrier NAT all poll).
   */
  cachedReadsPerIp?: number;
  /** The on-sale's POSTs per IP address in a minute (default 60; a buyer makes a handful). */
  onSalePostsPerIp?: number;
  /** How long a solved challenge lets a browser post (default an hour: a wait in the queue). */
  challengeImmunity?: Duration;
}

const RATE_LIMITED_BODY = 'rate-limited';
/** Seconds a rate-limited caller is told to wait (the windows are a minute and five). */
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 60;

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});
const asIs = [{ priority: 0, type: 'NONE' }];
const uriStartsWith = (prefix: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: asIs,
  },
});
const methodIs = (method: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: method,
    textTransformations: asIs,
  },
});
const not = (statement: wafv2.CfnWebACL.StatementProperty) => ({ notStatement: { statement } });

/** A call to the API. */
const apiCall = uriStartsWith(`${API_PREFIX}/`);
/** A browser opening one of the shop's pages (not a file, not the API). */
const pageLoad: wafv2.CfnWebACL.StatementProperty = {
  andStatement: {
    statements: [
      methodIs('GET'),
      {
        byteMatchStatement: {
          fieldToMatch: { singleHeader: { Name: 'accept' } },
          positionalConstraint: 'CONTAINS',
          searchString: 'text/html',
          textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
        },
      },
      not(apiCall),
    ],
  },
};
/** A `method` request whose path, percent-decoded and normalised (doubled slashes, dot segments), matches `regex`. */
const methodAndPath = (method: string, regexString: string): wafv2.CfnWebACL.StatementProperty => ({
  andStatement: {
    statements: [
      methodIs(method),
      {
        regexMatchStatement: {
          fieldToMatch: { uriPath: {} },
          regexString,
          textTransformations: [
            { priority: 0, type: 'URL_DECODE' },
            { priority: 1, type: 'NORMALIZE_PATH' },
          ],
        },
      },
    ],
  },
});
/** A GET of the on-sale's reads the edge caches (polled every few seconds by every waiting buyer). */
const cachedRead = methodAndPath('GET', ON_SALE_CACHED_READS_REGEX);
/** A POST to one of ON_SALE_POSTS, however its path is spelled. */
const onSalePost = methodAndPath('POST', ON_SALE_POSTS_REGEX);

export class EdgeSecurity extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EdgeSecurityProps = {}) {
    super(scope, id);
    if (Stack.of(this).region !== EDGE_REGION) {
      throw new Error(`A web ACL for CloudFront lives in ${EDGE_REGION}: make it in the TicketBossEdge stack`);
    }
    const rateLimited = (limit: number, evaluationWindowSec: number, scope?: wafv2.CfnWebACL.StatementProperty) => ({
      action: {
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: RATE_LIMITED_BODY,
            responseHeaders: [{ name: 'Retry-After', value: String(RATE_LIMIT_RETRY_AFTER_SECONDS) }],
          },
        },
      },
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec,
          aggregateKeyType: 'IP',
          ...(scope ? { scopeDownStatement: scope } : {}),
        },
      },
    });
    const managed = (name: string, extra: Partial<wafv2.CfnWebACL.ManagedRuleGroupStatementProperty> = {}) => ({
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...extra } },
    });
    const rules: (Omit<wafv2.CfnWebACL.RuleProperty, 'priority' | 'visibilityConfig'> & { name: string })[] = [
      { name: 'ip-reputation', ...managed('AWSManagedRulesAmazonIpReputationList') },
      { name: 'anonymous-ip', ...managed('AWSManagedRulesAnonymousIpList') },
      { name: 'rate-per-ip', ...rateLimited(props.requestsPerIp ?? 3000, 300, not(cachedRead)) },
      { name: 'rate-cached-reads', ...rateLimited(props.cachedReadsPerIp ?? 20_000, 300, cachedRead) },
      { name: 'rate-on-sale-posts', ...rateLimited(props.onSalePostsPerIp ?? 60, 60, onSalePost) },
      {
        name: 'common',
        ...managed('AWSManagedRulesCommonRuleSet', {
          ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
        }),
      },
      { name: 'known-bad-inputs', ...managed('AWSManagedRulesKnownBadInputsRuleSet') },
      {
        name: 'bot-control',
        ...managed('AWSManagedRulesBotControlRuleSet', {
          managedRuleGroupConfigs: [{ awsManagedRulesBotControlRuleSet: { inspectionLevel: 'COMMON' } }],
          // Not on the cached polls: they are most of an on-sale's requests, cost the API nothing, and are rate-limited.
          scopeDownStatement: {
            orStatement: { statements: [{ andStatement: { statements: [apiCall, not(cachedRead)] } }, pageLoad] },
          },
        }),
      },
      { name: 'challenge-on-sale-posts', action: { challenge: {} }, statement: onSalePost },
      {
        name: 'challenge-page-loads',
        action: { challenge: {} },
        statement: {
          andStatement: {
            statements: [
              pageLoad,
              not({ labelMatchStatement: { scope: 'LABEL', key: 'awswaf:managed:aws:bot-control:bot:verified' } }),
            ],
          },
        },
      },
    ];
    const webAclName = stackUniqueName('ticketboss-edge');
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: webAclName,
      description: 'TicketBoss shop and API at the edge: reputation, rate limits, common rules, bots, challenge',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(EDGE_METRIC_NAME),
      challengeConfig: {
        immunityTimeProperty: { immunityTime: (props.challengeImmunity ?? Duration.hours(1)).toSeconds() },
      },
      customResponseBodies: {
        [RATE_LIMITED_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: `${PROBLEM_BASE}rate_limited`,
            title: 'Too many requests',
            status: 429,
            detail: `Too many requests from this address: try again in ${RATE_LIMIT_RETRY_AFTER_SECONDS} seconds.`,
            retryable: true,
          }),
        },
      },
      rules: rules.map((rule, priority) => ({ ...rule, priority, visibilityConfig: visibility(rule.name) })),
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // WAF delivers only to groups whose name starts so.
      logGroupName: stackUniqueName('aws-waf-logs-ticketboss'),
      retention: LOG_RETENTION,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The group's ARN without CDK's trailing `:*`, which WAF refuses.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
      // An on-sale's allowed requests would be most of the bill and none of the story: kept are what a rule touched.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: ['BLOCK', 'CHALLENGE', 'CAPTCHA', 'COUNT'].map((action) => ({
              ActionCondition: { Action: action },
            })),
          },
        ],
      },
    });
  }

  get webAclArn(): string {
    return this.webAcl.attrArn;
  }
}

/** What the shop reads when AWS WAF challenges a call (renderer/client/waf-challenge.ts's WAF_INTEGRATION_CONFIG). */
export const WAF_INTEGRATION_FILE = 'waf-integration.json';

/**
 * The web ACL's application integration URL (https only; `aws wafv2 get-web-acl … --query ApplicationIntegrationURL`,
 * not a CloudFormation attribute), given to the stack as `edge.wafIntegrationUrl`: web.ts deploys it to the shop as
 * WAF_INTEGRATION_FILE, and its CSP adds what this returns: the URL's origin and AWS's SDK domain, which AWS asks to
 * allow for scripts and connections (`https://*.awswaf.com`). Without it a challenged shop reloads its page instead.
 * AWS offers the JavaScript integration to web ACLs with a targeted Bot Control, ATP or ACFP rule group.
 */
export function wafIntegration(url: string | undefined): { url: string | null; sources: string } {
  if (!url) return { url: null, sources: '' };
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new Error(`wafIntegrationUrl: an https URL, not ${url}`);
  return { url: parsed.href, sources: ` ${parsed.origin} https://*.awswaf.com` };
}
