// The exports bucket (admin: exports), read from the synthesized template: a bucket of its own with no physical name,
// private, TLS only, encrypted with a rotating key of its own, its files deleted after a day; the exports function may
// only write there and the API may only read (to presign), each with the bucket's name in its environment. Exports run
// off a queue of their own in a function of their own, so the jobs keep their minute and their lease.
import { EXPORT_CLAIM_LEASE_MS, EXPORT_LEASE_MS } from '../../../cloud/services/reports/export-jobs.ts';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsGranted, functionOf as functionOfIn, synth } from './synth.ts';

describe('the exports bucket (cdk synth, offline)', () => {
  let run: ReturnType<typeof synth>;
  const ofType = (type: string) => Object.entries(run.resources).filter(([, r]) => r.Type === type);
  const bucketId = () => ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('ExportsFiles'))![0];
  const functionOf = (entry: string) => functionOfIn(run.resources, entry);
  /** Every action on the exports bucket's objects granted to the function's role. */
  const s3ActionsOf = (entry: string) => actionsGranted(run.resources, entry, bucketId());

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

  it('lets the exports function write exports and the API only read them to presign, both told the bucket', () => {
    expect(s3ActionsOf('exports')).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
    expect(s3ActionsOf('api')).toEqual(['s3:GetObject']);
    for (const entry of ['jobs', 'tick', 'websocket', 'live-fanout']) expect(s3ActionsOf(entry), entry).toEqual([]);
    for (const entry of ['api', 'exports']) {
      expect(functionOf(entry).Properties.Environment.Variables.EXPORTS_BUCKET, entry).toEqual({ Ref: bucketId() });
    }
  });

  it('runs exports off a queue and a function of their own, leased longer than they run; jobs keep their minute', () => {
    const idOf = (entry: string) =>
      ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Handler === `${entry}.handler`)![0];
    const queueId = (name: string, deadLetters = false) =>
      ofType('AWS::SQS::Queue').find(
        ([id]) => id.startsWith(`Messaging${name}`) && id.includes('DeadLetters') === deadLetters,
      )![0];
    const fedBy = (entry: string) =>
      ofType('AWS::Lambda::EventSourceMapping')
        .map(([, m]) => m.Properties)
        .filter((m) => m.FunctionName.Ref === idOf(entry))
        .map((m) => ({ queue: m.EventSourceArn['Fn::GetAtt'][0], batch: m.BatchSize }));
    const timeoutMs = (entry: string) => (functionOf(entry).Properties.Timeout as number) * 1000;

    // Ticket emails and refunds run within the outbox's one-minute lease; an export may take a quarter of an hour.
    expect(timeoutMs('jobs')).toBe(60_000);
    expect(timeoutMs('exports')).toBeGreaterThanOrEqual(5 * 60_000);
    expect(timeoutMs('exports')).toBeLessThanOrEqual(15 * 60_000);
    expect(fedBy('jobs')).toEqual([{ queue: queueId('Jobs'), batch: 5 }]);
    expect(fedBy('exports')).toEqual([{ queue: queueId('Exports'), batch: 1 }]);
    expect(functionOf('exports').Properties.ReservedConcurrentExecutions).toBe(2);
    // An export is not relayed again while it waits its turn or runs.
    expect(EXPORT_LEASE_MS).toBeGreaterThan(timeoutMs('exports'));
    expect(EXPORT_CLAIM_LEASE_MS).toBeGreaterThan(2 * timeoutMs('exports'));
    for (const name of ['Jobs', 'Exports']) {
      const visibility = run.resources[queueId(name)]!.Properties.VisibilityTimeout as number;
      expect(visibility * 1000, name).toBeGreaterThanOrEqual(6 * timeoutMs(name.toLowerCase()));
      expect(run.resources[queueId(name)]!.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]).toBe(
        queueId(name, true),
      );
    }
    // The tick relays export jobs to their queue; the dead letters and the queue's age are alarmed on.
    const tick = functionOf('tick').Properties.Environment.Variables;
    expect(tick.EXPORTS_QUEUE_URL).toEqual({ Ref: queueId('Exports') });
    expect(tick.JOBS_QUEUE_URL).toEqual({ Ref: queueId('Jobs') });
    const watched = ofType('AWS::CloudWatch::Alarm')
      .map(([, a]) => a.Properties)
      .filter((a) => a.Namespace === 'AWS/SQS')
      .map((a) => [a.MetricName, JSON.stringify(a.Dimensions)]);
    expect(watched).toContainEqual(['ApproximateAgeOfOldestMessage', expect.stringContaining(queueId('Exports'))]);
    expect(watched).toContainEqual([
      'ApproximateNumberOfMessagesVisible',
      expect.stringContaining(queueId('Exports', true)),
    ]);
  });
});
