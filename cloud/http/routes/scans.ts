// The door's routes (scanning a ticket, the public keys scanners verify codes with offline, a ticket bound to its
// holder's phone for rotating codes) and the mailing service's webhook.
import { z } from 'zod';
import { BindDeviceKey, DeviceCredential, ScanRequest, ScanResult, TicketKeys } from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';
import { DomainError } from '../../domain/errors.ts';
import { SIGNATURE_HEADER } from '../../services/fulfilment/mailing.ts';
import { readBodyText } from '../body.ts';

/** A shipment report is a few hundred bytes: anything much larger is refused before its signature is checked. */
const MAILING_WEBHOOK_BODY_LIMIT = 16 * 1024;

export function scanRoutes(services: Services) {
  return [
    route({
      ...endpoint('scanTicket'),
      summary: 'Scan a ticket at a gate: admitted once; a second scan says when and where; refusals say why',
      tags: ['door'],
      body: ScanRequest,
      security: 'bearer',
      access: { capability: 'door:scan', devices: ['boxoffice'] }, // guard
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
      ...endpoint('ticketKeys'),
      summary: 'The public keys ticket codes are signed with, for scanners that check offline',
      tags: ['door'],
      responses: { 200: { description: 'The keys', schema: TicketKeys } },
      handler: async ({ c }) =>
        c.json({ keys: services.scans.keys() }, 200, { 'cache-control': 'public, max-age=300' }),
    }),
    route({
      ...endpoint('bindTicketDevice'),
      summary:
        "Bind a ticket to the holder's phone key and get the credential its rotating codes are signed over (the same " +
        'key again gets the same credential)',
      tags: ['door'],
      params: TicketParams,
      body: BindDeviceKey,
      headers: [{ name: apiHeaders.orderToken, description: "The order's access token (guest checkout)" }],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The credential', schema: DeviceCredential },
        400: problem('Not a P-256 public key'),
        404: problem('No such order or ticket, or not yours'),
        409: problem('The ticket is bound to another phone (ticket_bound_elsewhere), or is not valid'),
      },
      handler: async ({ params, body, principal, c }) => {
        const orderToken = c.req.header(apiHeaderKeys.orderToken);
        const credential = await services.ticketBinding.bind(params.orderId, params.ticketId, body, {
          ...(orderToken ? { orderToken } : {}),
          ...(principal ? { principal } : {}),
        });
        return c.json(credential, 200, { 'cache-control': 'no-store' });
      },
    }),
  ];
}

const TicketParams = z.object({ orderId: z.uuid(), ticketId: z.uuid() });

/** The mailing service reports a shipment's progress here, signed (see cloud/adapters/mailing/README.md). */
export function mailingWebhookRoutes(services: Services) {
  return [
    route({
      ...endpoint('mailingWebhook'),
      summary: 'The mailing service reports a shipment (X-Mailing-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">)',
      tags: ['fulfilment'],
      bodyLimit: MAILING_WEBHOOK_BODY_LIMIT,
      responses: {
        204: { description: 'Recorded' },
        400: problem('Not a shipment report (signed, but malformed): final, the service does not send it again'),
        401: problem('Missing, wrong or stale signature'),
        404: problem('No such shipment'),
        413: problem('Larger than a shipment report can be'),
      },
      handler: async ({ c }) => {
        if (!services.fulfilment) throw new DomainError('not_found', 'Physical tickets are not set up here.');
        // Size first (read within the limit, never whole), then the signature, then the report's shape.
        const body = await readBodyText(c, MAILING_WEBHOOK_BODY_LIMIT);
        const outcome = await services.fulfilment.mailingWebhook(body, c.req.header(SIGNATURE_HEADER));
        if (outcome === 'bad_signature')
          throw new DomainError('unauthorized', 'The signature is missing, wrong or stale.');
        if (outcome === 'unknown') throw new DomainError('not_found', 'No such shipment.');
        return c.body(null, 204);
      },
    }),
  ];
}
