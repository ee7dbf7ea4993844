// The web shop: the built React app in a private S3 bucket that only CloudFront may read (origin access control), and
// one CloudFront distribution for the shop and its API, so the browser talks to a single origin:
//   /*               the shop's files, cached at the edge; a path without a file extension is one of the app's
//                    routes and gets index.html (a viewer-request function on this behaviour alone, so an API
//                    error under /v1/* is never rewritten into the shop's HTML);
//   /v1/live         the live seat view, passed through to the WebSocket API;
//   /v1/seatmaps/*   seat maps, immutable and cached for as long as the API says (a stadium's map is fetched once per
//                    edge, not once per buyer);
//   /v1/events/*/queue/state|challenge, /v1/events/*/live/*   the on-sale's hot reads, cached as their origin says
//                    (edge-cache.ts): the API's waiting room, the live view's delta documents (live-deltas.ts);
//   /v1/*            everything else, passed to the HTTP API uncached with the caller's headers.
// The HTTP and WebSocket APIs are told a request came through CloudFront by a secret header (origin-lock.ts), and the
// whole distribution sits behind the WAF web ACL (edge-security.ts).
// Security headers on every answer (HSTS, CSP, no framing, no sniffing, referrer policy); access logs to a bucket.
// With a domain: an ACM certificate (DNS-validated) and Route 53 alias records.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { API_PREFIX, LIVE_PATH, apiPatterns } from '../contract/routes.ts';
import { onSaleBehaviors } from './edge-cache.ts';
import { EDGE_REGION, EdgeSecurity, WAF_INTEGRATION_FILE, wafIntegration } from './edge-security.ts';
import { LiveDeltaDocuments } from './live-deltas.ts';
import { OriginLock } from './origin-lock.ts';
import { stackUniqueName } from './names.ts';
import { acknowledgeEach, acknowledgeGuard, nagRef } from './nag.ts';

export interface DomainProps {
  /** The shop's host name, e.g. tickets.example.com. */
  name: string;
  /** The Route 53 hosted zone the name lives in. */
  hostedZoneId: string;
  zoneName: string;
  /** A certificate in us-east-1 for the name; made here when the stack itself is in us-east-1. */
  certificateArn?: string;
}

export interface EdgeProps {
  /** The WAF web ACL (us-east-1, the TicketBossEdge stack's WebAclArn); made here when the stack is in us-east-1. */
  webAclArn?: string;
  /** The origin lock secret's version CloudFront sends, after a rotation (origin-lock.ts). */
  originVerifyVersionId?: string;
  /** The web ACL's application integration URL, for the shop's challenge script (edge-security.ts, wafIntegration). */
  wafIntegrationUrl?: string;
}

export interface WebProps {
  /** The HTTP API's host (`<id>.execute-api.<region>.amazonaws.com`). */
  apiDomain: string;
  /** The WebSocket API's host and its stage: `/v1/live` on the shop's origin is passed to it. */
  liveDomain: string;
  liveStage: string;
  edge?: EdgeProps;
  /** The built web shop (dist/web); its files are uploaded at deploy. */
  siteDir?: string;
  domain?: DomainProps;
}

export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly originLock: OriginLock;
  readonly liveDeltas: LiveDeltaDocuments;
  /** The web ACL, when it is made here (a stack in us-east-1). */
  readonly edgeSecurity?: EdgeSecurity;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront writes its standard logs with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Versioned, so a deleted or overwritten log is kept until the lifecycle lets it go.
      versioned: true,
      lifecycleRules: [
        {
          expiration: Duration.days(90),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would log the logging, without end.',
    });
    for (const [rule, reason] of [
      [
        's3_bucket_logging_enabled_check',
        'This is the access-log bucket itself: logging its own access would log the logging, without end.',
      ],
      [
        's3_bucket_default_encryption_kms_check',
        'CloudFront standard logging cannot deliver to a bucket encrypted with SSE-KMS; the logs are encrypted with S3-managed keys, TLS only, private.',
      ],
      [
        's3_event_notifications_enabled_check',
        'Nothing reacts to a new log file; they are read when someone investigates.',
      ],
      [
        's3_bucket_object_lock_enabled_check',
        'Access logs expire after 90 days by lifecycle; they are operational records, not records that must be immutable.',
      ],
    ] as const) {
      acknowledgeGuard(this.logs, rule, reason);
    }
    this.liveDeltas = new LiveDeltaDocuments(this, 'LiveDeltas', { accessLogs: this.logs });
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'site/',
      // Each deploy overwrites index.html: earlier versions are kept a month for a rollback, then go.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [rule, reason] of [
      [
        's3_bucket_default_encryption_kms_check',
        'The bucket holds the public build of the shop, the same bytes CloudFront serves to anyone; S3-managed encryption at rest, readable only by CloudFront (OAC). A KMS key would add a request charge to every cache miss and protect nothing secret.',
      ],
      [
        's3_event_notifications_enabled_check',
        'Files change only at deploy, by CDK, which invalidates the distribution itself.',
      ],
      [
        's3_bucket_object_lock_enabled_check',
        'A deploy must be able to replace the shop; old versions are kept 30 days by versioning, which is the rollback.',
      ],
    ] as const) {
      acknowledgeGuard(this.bucket, rule, reason);
    }

    const integration = wafIntegration(props.edge?.wafIntegrationUrl);
    // CloudFront is global: CDK's default names for this policy and the origin access control carry the stack's
    // path but not its region, so the same stack in a second region of the account would clash. Named from its id.
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: stackUniqueName('ticketboss-security-headers'),
      comment: 'TicketBoss security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'${integration.sources}; connect-src 'self' wss:${integration.sources}; frame-ancestors 'none'; base-uri 'self'; form-action 'self' https://*.amazon.com https://*.amazon.de https://*.amazon.co.uk`,
          override: false,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });
    const executeApi = (domain: string, customHeaders?: Record<string, string>) =>
      new origins.HttpOrigin(domain, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        ...(customHeaders ? { customHeaders } : {}),
      });
    this.originLock = new OriginLock(this, 'OriginLock', {
      ...(props.edge?.originVerifyVersionId ? { versionId: props.edge.originVerifyVersionId } : {}),
    });
    const api = executeApi(props.apiDomain, this.originLock.originHeaders);
    // The web ACL: given (made in us-east-1 by TicketBossEdge), or made here when this stack is there itself.
    if (!props.edge?.webAclArn && Stack.of(this).region !== EDGE_REGION) {
      throw new Error('CloudFront needs its web ACL in us-east-1: deploy TicketBossEdge first and pass its WebAclArn');
    }
    if (!props.edge?.webAclArn) this.edgeSecurity = new EdgeSecurity(this, 'EdgeSecurity');
    const webAclArn = props.edge?.webAclArn ?? this.edgeSecurity!.webAclArn;
    // The live seat view on the shop's own origin: CloudFront passes WebSocket upgrades through (with the origin
    // lock's header: $connect admits no other), and a viewer-request function points /v1/live at the WebSocket API's
    // stage (a path API Gateway knows).
    const live = executeApi(props.liveDomain, this.originLock.originHeaders);
    const toLiveStage = new cloudfront.Function(this, 'LivePath', {
      comment: `TicketBoss: ${LIVE_PATH} to the WebSocket API stage`,
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        `function handler(event) { event.request.uri = '/${props.liveStage}'; return event.request; }`,
      ),
    });
    const shopRoutes = new cloudfront.Function(this, 'ShopRoutes', {
      comment: 'TicketBoss: the shop’s app routes (paths without a file extension) to /index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(spaFallback),
    });
    const seatMaps = new cloudfront.CachePolicy(this, 'SeatMaps', {
      comment: 'Seat maps: as long as the API says (immutable), compressed',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    });

    const domain = props.domain;
    const zone = domain
      ? route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
          hostedZoneId: domain.hostedZoneId,
          zoneName: domain.zoneName,
        })
      : null;
    const certificate = domain
      ? domain.certificateArn
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn)
        : new acm.Certificate(this, 'Certificate', {
            domainName: domain.name,
            validation: acm.CertificateValidation.fromDns(zone!),
          })
      : null;
    if (domain && !domain.certificateArn && Stack.of(this).region !== 'us-east-1') {
      throw new Error('CloudFront needs its certificate in us-east-1: deploy TicketBossEdge first and pass its ARN');
    }

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'TicketBoss web shop and API',
      webAclId: webAclArn,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(domain && certificate
        ? {
            domainNames: [domain.name],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new cloudfront.S3OriginAccessControl(this, 'SiteAccess', {
            originAccessControlName: stackUniqueName('ticketboss-site'),
            description: 'TicketBoss: CloudFront reads the shop’s bucket',
          }),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: shopRoutes, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [LIVE_PATH]: {
          origin: live,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: toLiveStage, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        [everythingUnder(apiPatterns.seatMap)]: {
          origin: api,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: seatMaps,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
        },
        ...onSaleBehaviors(this, api, headers, this.liveDeltas.origin),
        [`${API_PREFIX}/*`]: {
          origin: api,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      // No distribution-wide error page: it would apply to /v1/* too, turning the API's problem+json into the shop's
      // HTML with a 200 (and caching it); the shop's fallback is the function on the default behaviour. Only how long
      // a 404 without cache-control is kept: a second, not ten (a live head before its event's first document).
      errorResponses: [{ httpStatus: 404, ttl: Duration.seconds(1) }],
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Tickets are sold to buyers wherever they are (travelling fans, tourists); no country is excluded by design.',
      },
      ...(domain
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without a configured domain the distribution uses the default cloudfront.net certificate, whose TLS floor AWS sets; with a domain TLS 1.2 (2021) is the minimum.',
            },
          ]),
    );
    acknowledgeGuard(
      this.distribution,
      'cloudfront_origin_failover_enabled_check',
      'Every origin is one of a kind in one region (the API, the live view, the shop bucket beside them); a failover origin would need the whole estate in a second region, which this stack does not run (README: Durability).',
    );
    if (!domain) {
      const reason =
        'Without a configured domain the distribution serves the default *.cloudfront.net certificate, for which CloudFront sets SNI and the TLS policy itself; with a domain (the production shape) it uses its ACM certificate over SNI with TLS 1.2 (2021) as the minimum, and these rules pass.';
      for (const rule of [
        'cloudfront_custom_ssl_certificate_check',
        'cloudfront_sni_enabled_check',
        'cloudfront_security_policy_check',
      ]) {
        acknowledgeGuard(this.distribution, rule, reason);
      }
    }

    if (props.siteDir) {
      new s3deploy.BucketDeployment(this, 'Upload', {
        sources: [
          s3deploy.Source.asset(props.siteDir),
          s3deploy.Source.jsonData(WAF_INTEGRATION_FILE, { integrationUrl: integration.url }),
        ],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        // The files whose names do not change from build to build: the service worker and the app manifest too.
        distributionPaths: ['/index.html', '/sw.js', '/manifest.webmanifest', `/${WAF_INTEGRATION_FILE}`],
        prune: false, // old hashed assets stay for pages still open in a browser
        memoryLimit: 512,
      });
      // CDK's upload function (one per stack, at its root) copies the build from the asset bucket into the site bucket.
      for (const child of Stack.of(this).node.children.filter((c) =>
        c.node.id.startsWith('Custom::CDKBucketDeployment'),
      )) {
        const stack = Stack.of(this);
        Validations.of(child).acknowledge(
          {
            id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
            reason: 'CDK’s deployment function writes only its own logs with the AWS-managed basic execution policy.',
          },
          {
            id: 'AwsSolutions-L1',
            reason: 'The runtime of CDK’s own deployment function is chosen by aws-cdk-lib and updated with it.',
          },
        );
        acknowledgeEach(
          child,
          'AwsSolutions-IAM5',
          [
            ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
              (a) => `Action::${a}`,
            ),
            `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
            `Resource::${nagRef(this.bucket, 'Arn')}/*`,
            'Resource::*',
          ],
          'CDK’s deployment function copies the built shop from the CDK asset bucket into the site bucket and invalidates the distribution (an action without resource scoping): object keys are the build’s, so grants end in /*. Neither bucket holds customer data.',
        );
      }
    }

    if (domain && zone) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, 'A', { zone, recordName: domain.name, target });
      new route53.AaaaRecord(this, 'Aaaa', { zone, recordName: domain.name, target });
    }
  }
}

/**
 * The shop's single-page-app fallback (CloudFront Functions JavaScript 2.0): a path whose last segment has no dot is
 * an app route (`/events/abc`, `/`, the back office's `/admin/…`), served from /index.html; files (`/assets/x.js`) pass unchanged. API paths never
 * reach the default behaviour, and are left alone here as well in case a behaviour is ever removed.
 */
const spaFallback = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('${API_PREFIX}/') === 0) return request;
  if (uri.substring(uri.lastIndexOf('/') + 1).indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** A CloudFront path pattern for every path a route pattern matches: `/v1/seatmaps/:seatmapId` → `/v1/seatmaps/*`. */
function everythingUnder(pattern: string): string {
  return pattern.slice(0, pattern.indexOf('/:') + 1) + '*';
}
