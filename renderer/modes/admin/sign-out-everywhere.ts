// "Sign out everywhere": ends every session of the staff member (the other tabs, phones and machines too). The route
// is the "roles" helper's; the button shows only when the route table has it, so this is the one place to rename.
import { apiRoutes, type ApiRouteName } from '../../../cloud/contract/routes.ts';

const ROUTE = 'signOutEverywhere';

/** The route's operationId when the route table has it, else undefined (the button is not shown). */
export const signOutEverywhereRoute: ApiRouteName | undefined =
  ROUTE in apiRoutes ? (ROUTE as ApiRouteName) : undefined;
