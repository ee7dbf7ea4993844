// A small S3-compatible HTTP server for the S3 export store's tests: path-style requests, the calls lib-storage's
// Upload and a presigned GET make (PutObject; CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload; GetObject), objects kept in memory, every request recorded by its operation. It checks no
// signature: the SDK's signing is AWS's; what we check is which calls are made and what lands in the bucket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface S3Call {
  operation: string;
  key: string;
  bytes: number;
  query: Record<string, string>;
}

export interface S3Stub {
  url: string;
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  calls: S3Call[];
  close(): Promise<void>;
}

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
      const record = (operation: string) => calls.push({ operation, key, bytes: data.length, query });
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
        objects.set(key, { body: Buffer.concat(parts), contentType: upload.contentType });
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
        objects.set(key, { body: data, contentType });
        response.writeHead(200, { etag: '"whole"' }).end();
      } else if (request.method === 'GET') {
        record('GetObject');
        const object = objects.get(key);
        if (!object) {
          response.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
          return;
        }
        response
          .writeHead(200, {
            'content-type': query['response-content-type'] ?? object.contentType ?? 'application/octet-stream',
            ...(query['response-content-disposition']
              ? { 'content-disposition': query['response-content-disposition'] }
              : {}),
            'content-length': object.body.length,
          })
          .end(object.body);
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
