// Exports (the back office's CSV and XLSX files of orders, tickets and attendees): a bucket of their own, written by
// the exports function (fed one export at a time from the exports queue; a multipart upload as the rows stream in) and
// read only through the short-lived presigned links the API signs. The files carry buyers' names, emails and phones:
// private, TLS only, encrypted with a key of their own, and deleted a day after they were written (a lifecycle rule;
// parts of an upload that never finished go too).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeEach, acknowledgeGuard, nagRef } from './nag.ts';

/** Where the files are written under the bucket (cloud/services/reports/export-jobs.ts: `exports/<id>.<format>`). */
const FILES = 'exports/*';

export interface ExportsProps {
  /** The estate's access-log bucket: who fetched which export is logged. */
  accessLogs: s3.IBucket;
}

export class Exports extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'TicketBoss: encrypts the back office exports (buyers’ personal data), kept a day',
      enableKeyRotation: true,
      // Nothing encrypted with it outlives a day; a deleted stack leaves no file it must still read.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per object for the bucket, not one KMS call per part and per download.
      bucketKeyEnabled: true,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: [{ expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [rule, reason] of [
      [
        's3_bucket_versioning_enabled_check',
        'An export is written once and deleted a day later by design; a previous version would keep personal data past that day.',
      ],
      [
        's3_bucket_replication_enabled_check',
        'Exports are copies of what the database holds, made on demand and kept a day; a replica in another region would only spread personal data.',
      ],
      [
        's3_event_notifications_enabled_check',
        'Nothing reacts to a new export: the job that writes it records it as done in the database, which the back office polls.',
      ],
      [
        's3_bucket_object_lock_enabled_check',
        'Exports must be deletable after a day (personal data, kept no longer than needed); object lock would keep them.',
      ],
    ] as const) {
      acknowledgeGuard(this.bucket, rule, reason);
    }
  }

  /**
   * The worker: the exports function runs the exports queue's jobs one message at a time, at most `concurrency` at
   * once (its reserved concurrency), and writes their files to the bucket it is told.
   */
  addWorker(fn: lambda.Function, queue: sqs.IQueue, concurrency: number): void {
    fn.addEventSource(
      new SqsEventSource(queue, { batchSize: 1, maxConcurrency: concurrency, reportBatchItemFailures: true }),
    );
    this.grantWrite(fn);
    fn.addEnvironment('EXPORTS_BUCKET', this.bucket.bucketName);
  }

  /** The exports function writes files (single and multipart uploads); nothing else. */
  grantWrite(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [this.bucket.arnForObjects(FILES)],
      }),
    );
    // A multipart upload with SSE-KMS reads back the data key of its parts.
    this.key.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    this.acknowledgeObjects(fn);
  }

  /** The API presigns downloads: the link is signed with its role, which must be able to read the file. */
  grantPresign(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(FILES)] }),
    );
    this.key.grantDecrypt(fn);
    this.acknowledgeObjects(fn);
  }

  private acknowledgeObjects(fn: lambda.Function): void {
    acknowledgeEach(
      fn.role!,
      'AwsSolutions-IAM5',
      [`Resource::${nagRef(this.bucket, 'Arn')}/${FILES}`],
      'Export files are named by the id of their export when it is asked for, so the grant covers the exports/ prefix of the exports bucket alone.',
    );
  }
}
