// accounts (issue 19): the signed-in customer's guest orders of the same email, and claiming them into the account.
// The email is the account's own and must be proven (services/identity/order-claims.ts); nothing here names one.
import { ClaimableOrders, ClaimedOrders, ClaimOrders } from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { requirePrincipal } from '../auth.ts';
import { endpoint, problem, route } from '../route.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export function orderClaimRoutes(services: Services) {
  return [
    route({
      ...endpoint('listClaimableOrders'),
      summary: "Guest orders bought with the signed-in account's email (once that email is confirmed)",
      tags: ['identity'],
      security: 'bearer',
      access: 'signed-in',
      responses: {
        200: { description: 'The orders the account may claim', schema: ClaimableOrders },
        401: problem('Not signed in'),
      },
      handler: async ({ principal, c }) =>
        c.json(await services.orderClaims.list(requirePrincipal(principal)), 200, NO_STORE),
    }),
    route({
      ...endpoint('claimOrders'),
      summary: "Take the guest orders bought with the account's confirmed email into the account (audited)",
      tags: ['identity'],
      body: ClaimOrders,
      security: 'bearer',
      access: 'signed-in',
      responses: {
        200: { description: 'The orders now in the account', schema: ClaimedOrders },
        400: problem('Invalid order ids'),
        401: problem('Not signed in'),
        403: problem('The email is not confirmed yet'),
      },
      handler: async ({ principal, body, c }) =>
        c.json(await services.orderClaims.claim(requirePrincipal(principal), body), 200, NO_STORE),
    }),
  ];
}
