// Operations routes of the back office: the audit log (audit:read, scoped to the reader's venues). The failed-job
// routes live with the other admin routes (admin.ts).
import { AuditPage, AuditSearch } from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

export function operationsRoutes(services: Services) {
  return [
    route({
      ...endpoint('searchAuditLog'),
      summary: 'Search the audit log: every staff and admin action (who, what, when, the fields before and after)',
      tags: ['admin'],
      query: AuditSearch,
      security: 'bearer',
      access: { capability: 'audit:read' },
      responses: {
        200: { description: 'Entries newest first, and the cursor of the next page', schema: AuditPage },
        400: problem('Invalid search (the field is named)'),
        401: problem('Not signed in'),
        403: problem('The role may not read the audit log'),
        404: problem('No such venue among yours'),
      },
      handler: async ({ query, principal, c }) =>
        c.json(await services.auditLog.search(principal, query), 200, { 'cache-control': 'no-store' }),
    }),
  ];
}
