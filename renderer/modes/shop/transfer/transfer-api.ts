// The transfer calls of the shop (issue 19), kept out of the shop's first load: the order page's transfer panel and
// the accept page load this with themselves (lazy-call.ts makes the requests).
import type {
  AcceptedTransfer,
  CreateTransfer,
  OrderTransfers,
  ReceivedTransfer,
  Transfer,
} from '../../../../cloud/contract/transfers.ts';
import { apiPaths, apiRoutes } from '../../../../cloud/contract/routes.ts';
import { call, type Caller } from '../lazy-call.ts';

export type { Caller };

export const transferApi = {
  list: (orderId: string, caller: Caller) =>
    call<OrderTransfers>(apiRoutes.listTransfers, apiPaths.orderTransfers(orderId), caller),
  send: (orderId: string, request: CreateTransfer, caller: Caller) =>
    call<Transfer>(
      apiRoutes.sendTransfer,
      apiPaths.orderTransfers(orderId),
      caller,
      request,
      `transfer-send.${orderId}`,
    ),
  cancel: (orderId: string, transferId: string, caller: Caller) =>
    call<void>(apiRoutes.cancelTransfer, apiPaths.orderTransfer(orderId, transferId), caller),
  received: (token: string) =>
    call<ReceivedTransfer>(apiRoutes.getReceivedTransfer, apiPaths.receivedTransfer(token), {}),
  accept: (token: string, name: string | undefined, caller: Caller) =>
    call<AcceptedTransfer>(
      apiRoutes.acceptTransfer,
      apiPaths.transferAcceptance(token),
      caller,
      name ? { name } : {},
      `transfer-accept.${token}`,
    ),
};
