// The live view's delta documents in AWS (issue 20), read from the synthesized template: a private bucket (no public
// access, TLS only, encrypted, access-logged) that only the shop's distribution reads, through origin access control,
// for `/v1/events/*/live/*` (before `/v1/*`; the waiting room's paths stay on the API); documents expire by their tag,
// heads only when idle past a document's year in caches; the fan-out writes and the API only reads, both told the
// bucket; a 404 without cache-control is kept a second at the edge, and no error is rewritten into a page.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_DELTA_TAG } from '../../../cloud/contract/index.ts';
import { LIVE_DELTA_PATH, ON_SALE_CACHED_PATHS } from '../../../cloud/infra/edge-cache.ts';
import { LIVE_HEAD_IDLE_DAYS } from '../../../cloud/infra/live-deltas.ts';
import { actionsGranted, functionOf, synth } from './synth.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
type Json = any;

describe('the live deltas bucket and its CloudFront behaviour (cdk synth, offline)', () => {
  let run: ReturnType<typeof synth>;
  const ofType = (type: string) => Object.entries(run.resources).filter(([, r]) => r.Type === type);
  const bucketId = () => ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('WebLiveDeltasDocuments'))![0];
  const distribution = () => ofType('AWS::CloudFront::Distribution')[0]!;
  /** Every action on the live deltas bucket (or its objects) granted to the function's role. */
  const actionsOf = (entry: string) => actionsGranted(run.resources, entry, bucketId());

  beforeAll(() => {
    run = synth('eu-west-1');
  });
  afterAll(() => {
    if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('passes cdk-nag and the guard rules', () => {
    expect(run.error).toBeNull();
  });

  it('keeps the bucket private, TLS only, encrypted and logged; documents go after a day, heads when long idle', () => {
    const bucket = run.resources[bucketId()]!.Properties;
    expect(bucket.BucketName).toBeUndefined();
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(bucket.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'live-deltas/' });
    expect(bucket.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        ExpirationInDays: 1,
        Status: 'Enabled',
        TagFilters: [{ Key: LIVE_DELTA_TAG.key, Value: LIVE_DELTA_TAG.value }],
      }),
      expect.objectContaining({ ExpirationInDays: LIVE_HEAD_IDLE_DAYS, Status: 'Enabled' }),
    ]);
    // Past the year a document may be kept by a browser or CDN: a head that goes never lets a number be reused
    // while an old document of that number may still be served.
    expect(LIVE_HEAD_IDLE_DAYS).toBeGreaterThan(366);
    expect(run.resources[bucketId()]!.Properties.LifecycleConfiguration.Rules[1].TagFilters).toBeUndefined();
  });

  it('lets only the distribution read it, through origin access control, and refuses anything without TLS', () => {
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId())!;
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const allow of allows) {
      expect(allow.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(JSON.stringify(allow.Condition.StringEquals['AWS:SourceArn'])).toContain(distribution()[0]);
      expect([allow.Action].flat().sort()).toEqual(expect.arrayContaining(['s3:GetObject']));
      for (const action of [allow.Action].flat()) expect(['s3:GetObject', 's3:ListBucket']).toContain(action);
    }
    const [oacId] = ofType('AWS::CloudFront::OriginAccessControl').find(([id]) => id.startsWith('WebLiveDeltas'))!;
    const origins = distribution()[1].Properties.DistributionConfig.Origins as Json[];
    const origin = origins.find((o) => JSON.stringify(o.DomainName).includes(bucketId()))!;
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });

  it('serves /v1/events/*/live/* from the bucket before /v1/*; the waiting room stays on the API', () => {
    const config = distribution()[1].Properties.DistributionConfig;
    const behaviors = config.CacheBehaviors as Json[];
    const patterns = behaviors.map((b) => b.PathPattern);
    const live = behaviors[patterns.indexOf(LIVE_DELTA_PATH)];
    const api = behaviors[patterns.indexOf('/v1/*')];
    expect(LIVE_DELTA_PATH).toBe('/v1/events/*/live/*');
    expect(patterns.indexOf(LIVE_DELTA_PATH)).toBeLessThan(patterns.indexOf('/v1/*'));
    const bucketOrigin = (config.Origins as Json[]).find((o) => JSON.stringify(o.DomainName).includes(bucketId()))!;
    expect(live.TargetOriginId).toBe(bucketOrigin.Id);
    expect(live.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(live.OriginRequestPolicyId).toBeUndefined();
    const policy = run.resources[live.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(31_536_000);
    for (const path of ON_SALE_CACHED_PATHS) {
      expect(behaviors[patterns.indexOf(path)].TargetOriginId, path).toBe(api.TargetOriginId);
    }
    // A head not written yet (404, no cache-control) is kept a second at the edge, not ten; no page replaces it.
    expect(config.CustomErrorResponses).toEqual([{ ErrorCode: 404, ErrorCachingMinTTL: 1 }]);
  });

  it('lets the fan-out write documents and heads and the API only read, both told the bucket', () => {
    expect(actionsOf('live-fanout')).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:PutObjectTagging']);
    expect(actionsOf('api')).toEqual(['s3:GetObject', 's3:ListBucket']);
    for (const entry of ['jobs', 'tick', 'websocket', 'exports']) expect(actionsOf(entry), entry).toEqual([]);
    for (const entry of ['api', 'live-fanout']) {
      expect(functionOf(run.resources, entry).Properties.Environment.Variables.LIVE_DELTAS_BUCKET, entry).toEqual({
        Ref: bucketId(),
      });
    }
  });
});
