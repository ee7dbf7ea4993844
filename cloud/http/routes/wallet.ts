// wallet (issue 18): what the buyer's ticket wallet downloads from the API: the tickets PDF of an order, to its
// buyer (the order token of a guest, or the account that bought it). Not being allowed to see it is a 404.
import { z } from 'zod';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

const OrderParams = z.object({ orderId: z.uuid() });

export function walletRoutes(services: Services) {
  return [
    route({
      ...endpoint('downloadTicketsPdf'),
      summary: "The order's valid tickets as one PDF (a page a ticket, with its QR), for its buyer",
      tags: ['orders'],
      params: OrderParams,
      headers: [{ name: apiHeaders.orderToken, description: "The order's access token (guest checkout)" }],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The PDF', contentType: 'application/pdf' },
        404: problem('No such order, or not yours'),
        409: problem('The order has no valid tickets'),
      },
      handler: async (input) => {
        const orderToken = input.c.req.header(apiHeaderKeys.orderToken);
        const file = await services.ticketsPdf.forBuyer(input.params.orderId, {
          ...(orderToken ? { orderToken } : {}),
          ...(input.principal ? { principal: input.principal } : {}),
        });
        return input.c.body(new Uint8Array(file.bytes), 200, {
          'content-type': 'application/pdf',
          'content-length': String(file.bytes.byteLength),
          'content-disposition': `attachment; filename="${file.filename}"`,
          'cache-control': 'no-store',
        });
      },
    }),
  ];
}
