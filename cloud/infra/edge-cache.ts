// CloudFront behaviours for an on-sale's hottest reads, answered at the edge for as long as their origin says: the
// waiting room's state and challenge (the API's cache-control: a second or two) and the live seat deltas (served from
// their own bucket, live-deltas.ts: the head a second, each document a year). A million buyers polling become one
// request per edge location per second at the origin. Nothing personal is in the cache key (no cookies, no
// Authorization, no viewer headers, no query) and nothing of the viewer's is forwarded: these answers are the same for
// everyone. A response without cache-control is not kept (default TTL 0).
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { shopPatterns } from '../contract/shop-routes.ts';

/** A route's path as a CloudFront path pattern (`:eventId` → `*`). */
const pathPattern = (path: string) => path.replace(/:[A-Za-z]+/g, '*');

/** The API's paths cached by its cache-control (the contract's queueChallenge and getQueueState routes). */
export const ON_SALE_CACHED_PATHS = [`${shopPatterns.event}/queue/state`, `${shopPatterns.event}/queue/challenge`].map(
  pathPattern,
);

/** The live view's paths (the contract's liveHead and liveDelta routes), served from the live deltas bucket. */
export const LIVE_DELTA_PATH = pathPattern(`${shopPatterns.event}/live/*`);

/** All of them as a regular expression over the path, for the WAF (a trailing `/*` is anything below). */
export const ON_SALE_CACHED_READS_REGEX = `^(${[...ON_SALE_CACHED_PATHS, LIVE_DELTA_PATH]
  .map((path) => path.replace(/\/\*$/, '/.+').replace(/\*/g, '[^/]+'))
  .join('|')})$`;

export function onSaleBehaviors(
  scope: Construct,
  origin: cloudfront.IOrigin,
  responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
  liveDeltas: cloudfront.IOrigin,
): Record<string, cloudfront.BehaviorOptions> {
  const byOrigin = new cloudfront.CachePolicy(scope, 'OnSaleReads', {
    comment: 'Waiting room and live deltas: as long as the origin says, nothing personal in the key, compressed',
    defaultTtl: Duration.seconds(0),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.days(365),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    // These routes take no query: one would only split the cache (or let a stranger go round it).
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
  const behavior: cloudfront.BehaviorOptions = {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
    cachePolicy: byOrigin,
    responseHeadersPolicy,
    compress: true,
  };
  return {
    ...Object.fromEntries(ON_SALE_CACHED_PATHS.map((path) => [path, behavior])),
    [LIVE_DELTA_PATH]: { ...behavior, origin: liveDeltas },
  };
}
