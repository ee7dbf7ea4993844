// Accounts (issue 19): a guest's orders claimed into the account of the same email. Claiming is the account holder's
// explicit act (the wallet shows "N orders bought with this email" and a button), never automatic: the orders move
// only when the account's own address is proven (a link mailed to it was opened: sign-up confirmation, invitation or
// password reset; migration 0032) and the address is the account's row, never anything the caller sends (a customer
// of the user pool, Cognito in AWS, has no row: the pool's user is asked, and only its verified email counts). Each
// order claimed is written to the audit log in the claim's transaction, filed under the order's venue, so the order's
// trail in the back office shows who took it into which account and when.
import { claimOrders, findAccountEmail, listClaimableOrders } from '../../db/order-claims.ts';
import type { Db } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ClaimableOrders, ClaimedOrders, ClaimOrders } from '../../contract/index.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { summarizeOrder } from '../orders/order-view.ts';
import type { Clock, Principal, StaffDirectory } from '../ports.ts';

/** More than anyone buys as a guest with one address; the list is a page, the claim takes them all. */
const LIST_LIMIT = 100;

export class OrderClaims {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** The user pool (Cognito in AWS), whose customers have no account row here; none: only our accounts claim. */
    private readonly directory?: StaffDirectory,
  ) {}

  /** The guest orders bought with the account's proven email; none (and `emailVerified: false`) before it is proven. */
  async list(principal: Principal): Promise<ClaimableOrders> {
    const account = await this.accountOf(principal);
    if (!account?.email_verified_at) return { emailVerified: false, confirmable: account !== null, orders: [] };
    const orders = await listClaimableOrders(this.db, account.email, LIST_LIMIT);
    return { emailVerified: true, confirmable: false, orders: orders.map(summarizeOrder) };
  }

  /** Takes the guest orders of the account's proven email (or those of `orderIds` among them) into the account. */
  async claim(principal: Principal, request: ClaimOrders): Promise<ClaimedOrders> {
    const account = await this.accountOf(principal);
    if (!account?.email_verified_at) {
      throw new DomainError(
        'email_unverified',
        'Confirm your email first: open the link we sent to it, then claim the orders bought with it.',
      );
    }
    const now = this.clock.now();
    const claimed = await this.db.transaction(async (tx) => {
      const orders = await claimOrders(tx, {
        email: account.email,
        customerSub: principal.sub,
        orderIds: request.orderIds ?? null,
        now,
      });
      // The log's actor is the customer as such (no staff role), with the proven address they claimed by.
      const actor = { ...principal, email: account.email, groups: ['customer'] };
      for (const order of orders) {
        await recordStaffAction(
          tx,
          actor,
          {
            action: 'order.claim',
            objectType: 'order',
            objectId: order.id,
            venueId: order.venue_id,
            summary: `Order ${order.code} claimed into the account of ${account.email}`,
            before: { customerSub: null },
            after: { customerSub: principal.sub },
          },
          now,
        );
      }
      return orders;
    });
    return { claimed: claimed.map(summarizeOrder) };
  }

  private async accountOf(principal: Principal) {
    // Staff and devices keep no orders of their own: only a customer's account claims.
    if (principal.groups.length > 0) return null;
    const account = await findAccountEmail(this.db, principal.sub);
    if (account || !this.directory) return account;
    // A customer of the user pool: its email only as the pool says it is proven, never the token's or the caller's.
    const email = await this.directory.verifiedEmailOf(principal.sub);
    return email ? { email, email_verified_at: this.clock.now() } : null;
  }
}
