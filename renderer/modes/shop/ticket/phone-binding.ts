// Gives a ticket to this phone: the key pair is made and stored first, then its public key is sent to the binding
// route, so a retry (a lost answer, a reload, the page opened twice) sends the same key and gets the same credential,
// where a second key would be refused as bound elsewhere. One preparation per ticket at a time in this page.
// The call is made here rather than in the HttpTicketingClient because that client is in the shop's first load,
// which is at its budget; this module loads with the ticket page.
import type { Ticket } from '../../../../cloud/contract/index.ts';
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../../../cloud/contract/routes.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { makeDeviceKeys, publicKeyText } from './phone-code.ts';
import { readPass, writePass, type PassDisplay, type PhonePass } from './phone-passes.ts';

/** How the buyer proves the order is theirs: the guest's order token, or the signed-in account. */
export interface OrderAuth {
  orderToken?: string;
  accessToken?: string;
}

const preparing = new Map<string, Promise<PhonePass>>();

/** This phone's pass for the ticket: stored, bound, with its display brought up to date. */
export function preparePass(
  orderId: string,
  ticket: Pick<Ticket, 'id'>,
  display: PassDisplay,
  auth: OrderAuth,
): Promise<PhonePass> {
  const running = preparing.get(ticket.id);
  if (running) return running;
  const work = (async () => {
    let pass = await readPass(ticket.id);
    if (!pass) {
      const keys = await makeDeviceKeys();
      pass = { ticketId: ticket.id, orderId, keys, publicKey: await publicKeyText(keys), credential: null, display };
      await writePass(pass);
    }
    // Asked on every visit (the same key gets the same credential): a ticket staff moved to another phone, or one
    // re-keyed to this one, is noticed here; only without a network does the stored credential stand alone.
    const stored = pass;
    const credential = await bind(orderId, ticket.id, stored.publicKey, auth).catch((error: unknown) => {
      if (stored.credential && error instanceof ApiError && error.status === 0) return stored.credential;
      throw error;
    });
    const bound = { ...stored, credential, display };
    await writePass(bound);
    return bound;
  })().finally(() => preparing.delete(ticket.id));
  preparing.set(ticket.id, work);
  return work;
}

/** `POST /v1/orders/{orderId}/tickets/{ticketId}/device-key` → the credential (base64url). */
async function bind(orderId: string, ticketId: string, publicKey: string, auth: OrderAuth): Promise<string> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (auth.orderToken) headers[apiHeaderKeys.orderToken] = auth.orderToken;
  if (auth.accessToken) headers.authorization = `Bearer ${auth.accessToken}`;
  let response: Response;
  try {
    response = await fetch(apiPaths.ticketDeviceKey(orderId, ticketId), {
      method: apiRoutes.bindTicketDevice.method,
      headers,
      body: JSON.stringify({ publicKey }),
    });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach TicketBoss. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => ({}))) as { credential?: unknown; type?: string; detail?: string };
  if (!response.ok || typeof body.credential !== 'string') {
    throw new ApiError(
      response.status,
      body.type ?? `http_${response.status}`,
      body.detail ?? `Something went wrong (${response.status}). Please try again.`,
    );
  }
  return body.credential;
}
