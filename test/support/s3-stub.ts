// A small S3-compatible HTTP server for the S3 adapters' tests: path-style requests, the calls lib-storage's Upload and
// a presigned GET make (PutObject; CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload;
// GetObject, HeadObject), objects kept in memory with their content type, cache-control, tags and ETag (an MD5 of the
// body, as S3's for a single PUT), every request recorded by its operation. Conditional writes as S3 answers them
// (live deltas): `If-None-Match: *` on a key that exists, or an `If-Match` ETag that is not the object's, is 412
// PreconditionFailed; `If-Match` on a missing key is 404 NoSuchKey. It checks no signature: the SDK's signing is AWS's;
// what we check is which calls are made and what lands in the bucket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';

export interface S3Call {
  operation: string;
  key: string;
  bytes: number;
  query: Record<string, string>;
  /** A PutObject's condition: `if-none-match: *` or `if-match: <etag>`. */
  condition?: string;
}

export interface S3Object {
  body: Buffer;
  contentType: string | undefined;
  cacheControl?: string;
  /** The `x-amz-tagging` the object was put with (URL-encoded `key=value&…`). */
  tagging?: string;
  etag: string;
}

export interface S3Stub {
  url: string;
  objects: Map<string, S3Object>;
  calls: S3Call[];
  close(): Promise<void>;
}

const etagOf = (data: Buffer) => `"${createHash('md5').update(data).digest('hex')}"`;

const body = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export async function startS3Stub(bucket: string): Promise<S3Stub> {
  const objects: S3Stub['objects'] = new Map();
  const uploads = new Map<string, { key: string; contentType: string | undefined; parts: Map<number, Buffer> }>();
  const calls: S3Call[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url!, 'http://stub');
      const query = Object.fromEntries(url.searchParams);
      const prefix = `/${bucket}/`;
      if (!url.pathname.startsWith(prefix)) {
        response.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
        return;
      }
      const key = decodeURIComponent(url.pathname.slice(prefix.length));
      const data = await body(request);
      const ifNoneMatch = request.headers['if-none-match'];
      const ifMatch = request.headers['if-match'];
      const condition = ifNoneMatch ? `if-none-match: ${ifNoneMatch}` : ifMatch ? `if-match: ${ifMatch}` : undefined;
      const record = (operation: string) =>
        calls.push({ operation, key, bytes: data.length, query, ...(condition ? { condition } : {}) });
      const error = (status: number, code: string): void => {
        response
          .writeHead(status, { 'content-type': 'application/xml' })
          .end(request.method === 'HEAD' ? undefined : `<Error><Code>${code}</Code><Key>${key}</Key></Error>`);
      };
      const xml = (text: string) =>
        response.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?>${text}`);
      const contentType = request.headers['content-type'];
      if (request.method === 'POST' && 'uploads' in query) {
        record('CreateMultipartUpload');
        const uploadId = randomUUID();
        uploads.set(uploadId, { key, contentType, parts: new Map() });
        xml(
          `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
        );
      } else if (request.method === 'PUT' && query.uploadId) {
        record('UploadPart');
        uploads.get(query.uploadId)!.parts.set(Number(query.partNumber), data);
        response.writeHead(200, { etag: `"part-${query.partNumber}"` }).end();
      } else if (request.method === 'POST' && query.uploadId) {
        record('CompleteMultipartUpload');
        const upload = uploads.get(query.uploadId)!;
        const parts = [...upload.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
        const whole = Buffer.concat(parts);
        objects.set(key, { body: whole, contentType: upload.contentType, etag: etagOf(whole) });
        uploads.delete(query.uploadId);
        xml(
          `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"whole"</ETag></CompleteMultipartUploadResult>`,
        );
      } else if (request.method === 'DELETE' && query.uploadId) {
        record('AbortMultipartUpload');
        uploads.delete(query.uploadId);
        response.writeHead(204).end();
      } else if (request.method === 'PUT') {
        record('PutObject');
        const existing = objects.get(key);
        if (ifMatch && !existing) return error(404, 'NoSuchKey');
        if ((ifNoneMatch === '*' && existing) || (ifMatch && ifMatch !== existing!.etag)) {
          return error(412, 'PreconditionFailed');
        }
        const cacheControl = request.headers['cache-control'];
        const tagging = request.headers['x-amz-tagging'];
        const etag = etagOf(data);
        objects.set(key, {
          body: data,
          contentType,
          etag,
          ...(cacheControl ? { cacheControl } : {}),
          ...(typeof tagging === 'string' ? { tagging } : {}),
        });
        response.writeHead(200, { etag }).end();
      } else if (request.method === 'GET' || request.method === 'HEAD') {
        record(request.method === 'GET' ? 'GetObject' : 'HeadObject');
        const object = objects.get(key);
        if (!object) return error(404, 'NoSuchKey');
        response
          .writeHead(200, {
            etag: object.etag,
            ...(object.cacheControl ? { 'cache-control': object.cacheControl } : {}),
            'content-type': query['response-content-type'] ?? object.contentType ?? 'application/octet-stream',
            ...(query['response-content-disposition']
              ? { 'content-disposition': query['response-content-disposition'] }
              : {}),
            'content-length': object.body.length,
          })
          .end(request.method === 'GET' ? object.body : undefined);
      } else {
        response.writeHead(405).end();
      }
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    objects,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
