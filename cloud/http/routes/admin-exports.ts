// Export jobs (capability reports:read, checked per venue in services/reports/export-jobs.ts): asked for under
// /v1/admin/exports (202 with the export, queued), polled by its maker (or an admin) under /v1/exports/:exportId until
// it offers a download link, and, for the local export store, the file itself behind that signed, expiring link (no
// bearer: a browser follows it as a plain download). In AWS the link is S3's own, presigned.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { CreateExport, ExportFileQuery, ExportJob, ExportJobList } from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

const denied = {
  401: problem('Not signed in'),
  403: problem('The role may not read reports'),
  404: problem("No such export, event or venue, or another's"),
};
const ExportParams = z.object({ exportId: z.uuid() });
// An export's state changes as its job runs, and its link is short-lived: never kept by a cache.
const fresh = { 'cache-control': 'no-store' };

export function adminExportRoutes(services: Services) {
  return [
    route({
      ...endpoint('createExport'),
      summary:
        'Ask for an export of orders, tickets or attendees of an event (or of a venue paid from one day to another) ' +
        'as CSV or XLSX: a job writes the file; poll the export for its progress and download link',
      tags: ['admin', 'reports'],
      body: CreateExport,
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: {
        202: { description: 'The export, queued', schema: ExportJob },
        400: problem('A field is not valid: `field` names it'),
        ...denied,
      },
      handler: async ({ body, principal, c }) => c.json(await services.exports.create(principal, body), 202, fresh),
    }),
    route({
      ...endpoint('listMyExports'),
      summary: "The caller's exports of the last day, newest first",
      tags: ['admin', 'reports'],
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: { 200: { description: 'The exports', schema: ExportJobList }, ...denied },
      handler: async ({ principal, c }) => c.json(await services.exports.listMine(principal), 200, fresh),
    }),
    route({
      ...endpoint('getExport'),
      summary:
        'An export: queued, running (rows written of rows counted), done (with a download link valid ten minutes), ' +
        'failed (with its error) or expired; to its maker or an admin',
      tags: ['admin', 'reports'],
      params: ExportParams,
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: { 200: { description: 'The export', schema: ExportJob }, ...denied },
      handler: async ({ params, principal, c }) =>
        c.json(await services.exports.get(principal, params.exportId), 200, fresh),
    }),
    route({
      ...endpoint('downloadExportFile'),
      summary: "An export's file, by the signed link its export offers (the local export store; S3 serves its own)",
      tags: ['admin', 'reports'],
      params: ExportParams,
      query: ExportFileQuery,
      responses: {
        200: { description: 'The file', contentType: 'application/octet-stream' },
        400: problem('No expiry or signature in the link'),
        403: problem('The signature is not valid'),
        404: problem('No such export, or its file is gone'),
        410: problem('The link (or the export) has expired'),
      },
      handler: async ({ params, query, c }) => {
        const file = await services.exports.openFile(params.exportId, query.expires, query.signature);
        return c.body(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, 200, {
          ...fresh,
          'content-type': file.contentType,
          'content-length': String(file.bytes),
          'content-disposition': `attachment; filename="${file.filename}"`,
        });
      },
    }),
  ];
}
