// The client (and, in the web shop, the customer's session) every screen reaches through context. The shop provides
// it at its root; the kiosk and counter provide it too (without a session), so the shared seat chooser needs one way in.
import { createContext, useContext } from 'react';
import type { Session } from '../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../client/ticketing-client.ts';

export interface Shop {
  client: TicketingClient;
  session: Session | null;
  setSession(session: Session | null): void;
}

export const ShopContext = createContext<Shop | null>(null);

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop outside the shop');
  return shop;
}
