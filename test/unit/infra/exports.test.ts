// The exports bucket (admin: exports), read from the synthesized template: a bucket of its own with no physical name,
// private, TLS only, encrypted with a rotating key of its own, its files deleted after a day; the job worker may only
// write there and the API may only read (to presign), each with the bucket's name in its environment.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synth } from './synth.ts';

describe('the exports bucket (cdk synth, offline)', () => {
  let run: ReturnType<typeof synth>;
  const ofType = (type: string) => Object.entries(run.resources).filter(([, r]) => r.Type === type);
  const bucketId = () => ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('ExportsFiles'))![0];
  const functionOf = (entry: string) =>
    ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Handler === `${entry}.handler`)![1];
  /** Every action on the exports bucket's objects granted to the function's role. */
  const s3ActionsOf = (entry: string) => {
    const role = (functionOf(entry).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => JSON.stringify(s.Resource).includes(bucketId()))
      .flatMap((s) => [s.Action].flat());
  };

  beforeAll(() => {
    run = synth('eu-west-1');
  });
  afterAll(() => {
    if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('keeps exports private, TLS only, encrypted with a rotating key of their own, deleted after a day', () => {
    const bucket = run.resources[bucketId()]!;
    expect(bucket.Properties.BucketName).toBeUndefined();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ ExpirationInDays: 1, Status: 'Enabled' }),
    ]);
    const encryption = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(encryption.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    const keyId = (encryption.ServerSideEncryptionByDefault.KMSMasterKeyID as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    expect(run.resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId())!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('lets the job worker write exports and the API only read them to presign, both told the bucket', () => {
    expect(s3ActionsOf('jobs').sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
    expect(s3ActionsOf('api')).toEqual(['s3:GetObject']);
    for (const entry of ['tick', 'websocket', 'live-fanout']) expect(s3ActionsOf(entry), entry).toEqual([]);
    for (const entry of ['api', 'jobs']) {
      expect(functionOf(entry).Properties.Environment.Variables.EXPORTS_BUCKET, entry).toEqual({ Ref: bucketId() });
    }
  });
});
