// The export store in AWS: each file an object of the exports bucket, written by lib-storage's Upload (a multipart
// upload of 5 MB parts as the rows stream in, so a 100,000-ticket export never sits in the job's memory), fetched by
// the browser through a presigned GET (ten minutes, as an attachment with the export's file name), and deleted by the
// bucket's lifecycle rule after a day (infra: cloud/infra/exports.ts). The API only presigns (s3:GetObject); the job
// worker only writes (s3:PutObject and the multipart calls).
import { Transform, type Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportStore } from '../../services/ports.ts';

export class S3ExportStore implements ExportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async write(key: string, body: Readable, file: { contentType: string }): Promise<{ bytes: number }> {
    let bytes = 0;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    body.on('error', (error) => counting.destroy(error));
    const upload = new Upload({
      client: this.s3,
      params: { Bucket: this.bucket, Key: key, Body: body.pipe(counting), ContentType: file.contentType },
      // One part in flight besides the one filling: memory stays at a few parts whatever the export's size.
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
      leavePartsOnError: false,
    });
    await upload.done();
    return { bytes };
  }

  async presignedUrl(key: string, file: { filename: string; contentType: string }, expiresAt: Date): Promise<string> {
    const seconds = Math.max(1, Math.floor((expiresAt.getTime() - this.now().getTime()) / 1000));
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${file.filename}"`,
        ResponseContentType: file.contentType,
      }),
      { expiresIn: seconds },
    );
  }

  async read(): Promise<null> {
    return null;
  }

  /** The bucket's lifecycle rule deletes objects a day old; nothing to do here. */
  async deleteOlderThan(): Promise<number> {
    return 0;
  }
}
