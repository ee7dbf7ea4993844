// The S3 export store against a local S3-compatible server (test/support/s3-stub.ts): a large file goes up as a
// multipart upload of 5 MB parts as it streams in, a small one as one PutObject, a failed source aborts the upload,
// and the presigned link names the object, its ten minutes and the attachment's file name. Then an export job over
// PGlite writes its CSV through the same store, and its download link is S3's own, which serves the file.
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ExportStore } from '../../../cloud/adapters/exports/s3.ts';
import type { ExportJob } from '../../../cloud/contract/index.ts';
import { OUTBOX_TOPICS } from '../../../cloud/services/jobs/outbox-topics.ts';
import { testApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { startS3Stub, type S3Stub } from '../../support/s3-stub.ts';
import { buildWorld } from '../../support/world.ts';

const BUCKET = 'exports-test';
const MB = 1024 * 1024;

/** `size` bytes in chunks of 64 KB, produced as they are read. */
function* chunks(size: number) {
  for (let sent = 0; sent < size; sent += 64 * 1024) yield Buffer.alloc(Math.min(64 * 1024, size - sent), 'a');
}

describe('S3 export store', () => {
  let stub: S3Stub;
  let store: S3ExportStore;
  const now = new Date('2030-01-10T12:00:00Z');

  beforeAll(async () => {
    stub = await startS3Stub(BUCKET);
    const s3 = new S3Client({
      region: 'eu-west-1',
      endpoint: stub.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    store = new S3ExportStore(s3, BUCKET, () => now);
  });
  afterAll(async () => stub?.close());

  it('uploads a 12 MB file as a multipart upload of 5 MB parts, and says its size', async () => {
    const { bytes } = await store.write('exports/big.csv', Readable.from(chunks(12 * MB)), { contentType: 'text/csv' });
    expect(bytes).toBe(12 * MB);
    const calls = stub.calls.filter((call) => call.key === 'exports/big.csv');
    expect(calls.map((call) => call.operation)).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ]);
    expect(calls.filter((call) => call.operation === 'UploadPart').map((call) => call.bytes)).toEqual([
      5 * MB,
      5 * MB,
      2 * MB,
    ]);
    expect(stub.objects.get('exports/big.csv')!.body.length).toBe(12 * MB);
  });

  it('puts a small file in one request, and aborts an upload whose rows fail midway', async () => {
    const { bytes } = await store.write('exports/small.csv', Readable.from(['a,b\n', '1,2\n']), {
      contentType: 'text/csv',
    });
    expect(bytes).toBe(8);
    expect(stub.calls.filter((call) => call.key === 'exports/small.csv').map((call) => call.operation)).toEqual([
      'PutObject',
    ]);
    expect(stub.objects.get('exports/small.csv')!.body.toString()).toBe('a,b\n1,2\n');

    const failing = Readable.from(
      (function* () {
        yield* chunks(6 * MB);
        throw new Error('the database went away');
      })(),
    );
    await expect(store.write('exports/broken.csv', failing, { contentType: 'text/csv' })).rejects.toThrow(
      /database went away/,
    );
    expect(stub.objects.has('exports/broken.csv')).toBe(false);
    expect(stub.calls.filter((call) => call.key === 'exports/broken.csv').map((call) => call.operation)).toContain(
      'AbortMultipartUpload',
    );
  });

  it('presigns a ten-minute GET that downloads the file as an attachment with its name', async () => {
    const url = new URL(
      await store.presignedUrl(
        'exports/small.csv',
        { filename: 'orders-spring-gala.csv', contentType: 'text/csv; charset=utf-8' },
        new Date(now.getTime() + 10 * 60 * 1000),
      ),
    );
    expect(url.origin + url.pathname).toBe(`${stub.url}/${BUCKET}/exports/small.csv`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="orders-spring-gala.csv"');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="orders-spring-gala.csv"');
    expect(await response.text()).toBe('a,b\n1,2\n');
  });

  it("writes an export job's file through it, and the export's link is S3's presigned GET", async () => {
    const db = await freshDb('pglite');
    try {
      const world = await buildWorld(db, { exportStore: store });
      const api = await testApi(world.services);
      const asked = await api.call('POST', '/v1/admin/exports', {
        bearer: api.adminToken,
        body: { dataset: 'orders', format: 'csv', eventId: world.eventId },
      });
      expect(asked.status).toBe(202);
      await world.services.outbox.runDue(5, { only: [OUTBOX_TOPICS.exportFile] });
      const done = (await api.call<ExportJob>('GET', `/v1/exports/${asked.body.id}`, { bearer: api.adminToken })).body;
      expect(done).toMatchObject({ status: 'done', rowsWritten: 0, rowsTotal: 0 });
      expect(done.download!.url.startsWith(`${stub.url}/${BUCKET}/exports/${done.id}.csv?`)).toBe(true);
      const file = await fetch(done.download!.url);
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="orders-test-event.csv"');
      const parsed = Papa.parse<string[]>((await file.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
      expect(parsed.data[0]!.slice(0, 3)).toEqual(['Order', 'Event', 'Event starts']);
      expect(done.bytes).toBe(stub.objects.get(`exports/${done.id}.csv`)!.body.length);
    } finally {
      await db.close();
    }
  });
});
