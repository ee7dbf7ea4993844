// passes (issue 19): a ticket's wallet pass for its buyer (order token or the account that bought it; anyone else, or
// a wallet not configured here: 404), and Apple's pass web service, which Wallet calls with `ApplePass <token>`
// (a wrong token: 401). The .pkpass and the updated-serials list are never cached by a shared cache.
import { z } from 'zod';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import {
  GoogleWalletLink,
  PassDeviceParams,
  PassLog,
  PassParams,
  PassRegistration,
  PassUpdates,
  PassUpdatesParams,
} from '../../contract/passes.ts';
import type { Services } from '../../services/index.ts';
import type { OrderAccess } from '../../services/access/order-access.ts';
import { endpoint, problem, route, type RouteInput } from '../route.ts';

const TicketParams = z.object({ orderId: z.uuid(), ticketId: z.uuid() });
const PKPASS = 'application/vnd.apple.pkpass';

const buyerAccess = (input: RouteInput<unknown, unknown, unknown>): OrderAccess => {
  const orderToken = input.c.req.header(apiHeaderKeys.orderToken);
  return { ...(orderToken ? { orderToken } : {}), ...(input.principal ? { principal: input.principal } : {}) };
};

const buyerHeaders = [{ name: apiHeaders.orderToken, description: "The order's access token (guest checkout)" }];
const passAuth = [{ name: 'Authorization', description: '`ApplePass <authenticationToken>` of the pass' }];

export function passRoutes(services: Services) {
  const { wallet, appleWebService } = services.passes;
  return [
    route({
      ...endpoint('downloadApplePass'),
      summary: 'A valid ticket as an Apple Wallet pass (.pkpass), for its buyer',
      tags: ['passes'],
      params: TicketParams,
      headers: buyerHeaders,
      security: 'bearer-optional',
      responses: {
        200: { description: 'The signed pass', contentType: PKPASS },
        404: problem('No such order or ticket, not yours, or Apple Wallet passes are not offered here'),
        409: problem('The ticket is no longer valid'),
      },
      handler: async (input) => {
        const bytes = await wallet.applePassForBuyer(input.params.orderId, input.params.ticketId, buyerAccess(input));
        return input.c.body(new Uint8Array(bytes), 200, {
          'content-type': PKPASS,
          'content-disposition': `attachment; filename="ticket-${input.params.ticketId}.pkpass"`,
          'cache-control': 'no-store',
        });
      },
    }),
    route({
      ...endpoint('getGoogleWalletLink'),
      summary: 'A "Save to Google Wallet" link (a signed JWT) of a valid ticket, for its buyer',
      tags: ['passes'],
      params: TicketParams,
      headers: buyerHeaders,
      security: 'bearer-optional',
      responses: {
        200: { description: 'The save link', schema: GoogleWalletLink },
        404: problem('No such order or ticket, not yours, or Google Wallet is not offered here'),
        409: problem('The ticket is no longer valid'),
      },
      handler: async (input) => {
        const saveUrl = await wallet.googleLinkForBuyer(
          input.params.orderId,
          input.params.ticketId,
          buyerAccess(input),
        );
        input.c.header('cache-control', 'no-store');
        return input.c.json({ saveUrl });
      },
    }),
    route({
      ...endpoint('registerPassDevice'),
      summary: "Apple Wallet: a device registers for a pass's updates",
      tags: ['passes'],
      params: PassDeviceParams,
      body: PassRegistration,
      bodyLimit: 4 * 1024,
      headers: passAuth,
      passAuthorization: true,
      responses: {
        200: { description: 'Already registered' },
        201: { description: 'Registered' },
        401: problem("Not this pass's token"),
      },
      handler: async (input) => {
        const created = await appleWebService.register(
          input.params.deviceLibraryId,
          { ...input.params, authorization: input.c.req.header('authorization') },
          input.body.pushToken,
        );
        return input.c.body(null, created ? 201 : 200);
      },
    }),
    route({
      ...endpoint('unregisterPassDevice'),
      summary: "Apple Wallet: a device no longer wants a pass's updates",
      tags: ['passes'],
      params: PassDeviceParams,
      headers: passAuth,
      passAuthorization: true,
      responses: { 200: { description: 'Unregistered' }, 401: problem("Not this pass's token") },
      handler: async (input) => {
        await appleWebService.unregister(input.params.deviceLibraryId, {
          ...input.params,
          authorization: input.c.req.header('authorization'),
        });
        return input.c.body(null, 200);
      },
    }),
    route({
      ...endpoint('listUpdatedPasses'),
      summary: "Apple Wallet: the serial numbers of a device's passes changed since a tag",
      tags: ['passes'],
      params: PassUpdatesParams,
      query: z.object({ passesUpdatedSince: z.string().max(32).optional() }),
      responses: {
        200: { description: 'The changed passes and the new tag', schema: PassUpdates },
        204: { description: 'None changed' },
      },
      handler: async (input) => {
        const updates = await appleWebService.updatedSince(
          input.params.deviceLibraryId,
          input.params.passTypeId,
          input.query.passesUpdatedSince,
        );
        if (!updates) return input.c.body(null, 204);
        input.c.header('cache-control', 'no-store');
        return input.c.json(updates);
      },
    }),
    route({
      ...endpoint('getLatestPass'),
      summary: 'Apple Wallet: the latest version of a pass',
      tags: ['passes'],
      params: PassParams,
      headers: [...passAuth, { name: 'If-Modified-Since', description: "The device's copy's Last-Modified" }],
      passAuthorization: true,
      responses: {
        200: { description: 'The signed pass', contentType: PKPASS },
        304: { description: 'Not changed since' },
        401: problem("Not this pass's token"),
      },
      handler: async (input) => {
        const latest = await appleWebService.latest(
          { ...input.params, authorization: input.c.req.header('authorization') },
          input.c.req.header('if-modified-since'),
        );
        if (latest === 'not_modified') return input.c.body(null, 304);
        return input.c.body(new Uint8Array(latest.bytes), 200, {
          'content-type': PKPASS,
          'last-modified': latest.lastModified.toUTCString(),
          'cache-control': 'no-store',
        });
      },
    }),
    route({
      ...endpoint('logPassMessages'),
      summary: 'Apple Wallet: messages a device logs about the web service',
      tags: ['passes'],
      body: PassLog,
      bodyLimit: 64 * 1024,
      responses: { 200: { description: 'Logged' } },
      handler: async (input) => {
        appleWebService.logMessages(input.body.logs);
        return input.c.body(null, 200);
      },
    }),
  ];
}
