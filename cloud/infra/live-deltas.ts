// live deltas (issue 20): the bucket of the live view's delta documents and heads (cloud/adapters/live/s3-deltas.ts),
// at the API's own paths, which the shop's distribution serves for `/v1/events/*/live/*` through origin access
// control: a million pollers are CloudFront requests, and S3 sees about one request per edge cache per second per
// event. The fan-out function writes (documents, heads), the API reads heads (the snapshot's liveVersion). Private,
// TLS only, encrypted, access-logged; documents (tagged by the writer) are deleted a day after they were written,
// heads when idle for longer than any browser or CDN may keep a document (a head carries its event's numbering).
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LIVE_DELTA_KEPT_SECONDS, LIVE_DELTA_TAG } from '../contract/index.ts';
import { LIVE_DELTA_PATH } from './edge-cache.ts';
import { stackUniqueName } from './names.ts';
import { acknowledgeEach, acknowledgeGuard, nagRef } from './nag.ts';

/** The keys: the API's paths of the live view (`v1/events/<id>/live/head`, `…/live/deltas/<version>`). */
const KEYS = 'v1/events/*';

/** A head idle this long is deleted: longer than the year a document may be cached (LIVE_DELTA_CACHE), and a day. */
export const LIVE_HEAD_IDLE_DAYS = 400;

export interface LiveDeltaDocumentsProps {
  /** The estate's access-log bucket. */
  accessLogs: s3.IBucket;
}

export class LiveDeltaDocuments extends Construct {
  readonly bucket: s3.Bucket;
  /** The bucket as the distribution's origin for the live view's paths (read and list: a missing key is a 404). */
  readonly origin: cloudfront.IOrigin;

  constructor(scope: Construct, id: string, props: LiveDeltaDocumentsProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Documents', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'live-deltas/',
      lifecycleRules: [
        {
          id: 'documents',
          tagFilters: { [LIVE_DELTA_TAG.key]: LIVE_DELTA_TAG.value },
          expiration: Duration.seconds(LIVE_DELTA_KEPT_SECONDS),
        },
        { id: 'idle-heads', expiration: Duration.days(LIVE_HEAD_IDLE_DAYS) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Without s3:ListBucket, S3 answers a key not written yet (an event's head before its first document) with 403;
    // with it, 404, which the shop reads as "no documents yet". Only keys under the live view's behaviour reach S3.
    this.origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessControl: new cloudfront.S3OriginAccessControl(this, 'Access', {
        originAccessControlName: stackUniqueName('ticketboss-live-deltas'),
        description: 'TicketBoss: CloudFront reads the live view’s delta documents',
      }),
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });
    // CDK warns of LIST on an origin behind the default behaviour, where `/` would list the bucket; this origin serves
    // only `/v1/events/*/live/*` (the distribution that takes it is made in `scope`, after this).
    Annotations.of(scope).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      `The live deltas origin is behind ${LIVE_DELTA_PATH} alone: no request for the bucket root reaches it.`,
    );
    for (const [rule, reason] of [
      [
        's3_bucket_default_encryption_kms_check',
        'The documents are public by design (the availability changes every shop visitor sees, served by CloudFront to anyone); S3-managed encryption at rest, readable only through CloudFront (OAC). A KMS key would add a request charge to every write and cache miss and protect nothing secret.',
      ],
      [
        's3_bucket_versioning_enabled_check',
        'Documents are immutable (written once with a conditional write) and deleted a day later; a head is replaced every second while its event sells. Old versions would only pile up: the chain is the history.',
      ],
      [
        's3_bucket_replication_enabled_check',
        'Documents are derived from the database within a second and useful for minutes; a replica in another region would serve nobody (the API and the shop run in one region, README: Durability).',
      ],
      [
        's3_event_notifications_enabled_check',
        'Nothing reacts to a new document: shops poll the head through CloudFront.',
      ],
      [
        's3_bucket_object_lock_enabled_check',
        'Documents must be deletable a day after they were written (the lifecycle rule); object lock would keep them.',
      ],
    ] as const) {
      acknowledgeGuard(this.bucket, rule, reason);
    }
  }

  /** The fan-out writes documents and heads (and reads them back, to claim versions); the API only reads heads. */
  wire({ writer, reader }: { writer: lambda.Function; reader: lambda.Function }): void {
    this.grant(writer, ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging']);
    this.grant(reader, ['s3:GetObject']);
  }

  private grant(fn: lambda.Function, objectActions: string[]): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: objectActions, resources: [this.bucket.arnForObjects(KEYS)] }),
    );
    // A missing head reads as 404 (no documents yet), not 403.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    fn.addEnvironment('LIVE_DELTAS_BUCKET', this.bucket.bucketName);
    acknowledgeEach(
      fn.role!,
      'AwsSolutions-IAM5',
      [`Resource::${nagRef(this.bucket, 'Arn')}/${KEYS}`],
      'The live view’s objects are named by event id and version as events sell, so the grant covers the v1/events/ prefix of the live deltas bucket alone (nothing else is in it).',
    );
  }
}
