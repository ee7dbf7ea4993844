// The door's routes: scanning a ticket, and the public keys scanners verify codes with offline.
import { ScanRequest, ScanResult, TicketKeys } from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { problem, route } from '../route.ts';

export function scanRoutes(services: Services) {
  return [
    route({
      method: 'post',
      path: '/v1/scans',
      operationId: 'scanTicket',
      summary: 'Scan a ticket at a gate: admitted once; a second scan says when and where; refusals say why',
      tags: ['door'],
      body: ScanRequest,
      security: 'bearer',
      responses: {
        200: { description: 'What to do with this person', schema: ScanResult },
        400: problem('Not a scan'),
        401: problem('Not signed in'),
        403: problem('Not door staff'),
      },
      handler: async ({ body, principal, c }) =>
        c.json(await services.scans.scan(body, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      method: 'get',
      path: '/v1/tickets/keys',
      operationId: 'ticketKeys',
      summary: 'The public keys ticket codes are signed with, for scanners that check offline',
      tags: ['door'],
      responses: { 200: { description: 'The keys', schema: TicketKeys } },
      handler: async ({ c }) =>
        c.json({ keys: services.scans.keys() }, 200, { 'cache-control': 'public, max-age=300' }),
    }),
  ];
}
