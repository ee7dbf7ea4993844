// The venues a staff form offers: those the signed-in member may give (every venue for an admin, their own for a
// venue manager), named. Names come from the back office's venue list when the route table has one, else from the
// events on sale (each names its venue); a venue known only by id is shown by its id.
import { useAsync, type AsyncState } from '../../../ui/use-async.ts';
import { apiRoutes, type ApiRouteName } from '../../../../cloud/contract/routes.ts';
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { venuesOf } from '../../../../cloud/domain/staff-roles.ts';
import type { AdminApi } from '../admin-api.ts';
import type { AdminSession } from '../admin-session.ts';

export interface VenueOption {
  id: string;
  name: string;
}

const VENUE_LIST = 'listVenues';

async function namedVenues(api: AdminApi): Promise<VenueOption[]> {
  if (VENUE_LIST in apiRoutes) {
    const answer = await api.call<{ venues: VenueOption[] }>(VENUE_LIST as ApiRouteName);
    return answer.venues.map(({ id, name }) => ({ id, name }));
  }
  const { events } = await api.call<{ events: EventSummary[] }>('listEvents');
  const venues = new Map(events.map((event) => [event.venue.id, event.venue.name]));
  return [...venues].map(([id, name]) => ({ id, name }));
}

/** The venues the member may give, sorted by name. */
export function useVenueOptions(api: AdminApi, session: AdminSession): AsyncState<VenueOption[]> {
  const [state] = useAsync(async () => {
    const named = await namedVenues(api);
    const mine = venuesOf(session.principal);
    if (mine === 'all') return named.sort((a, b) => a.name.localeCompare(b.name));
    const names = new Map(named.map((venue) => [venue.id, venue.name]));
    return mine
      .map((id) => ({ id, name: names.get(id) ?? `Venue ${id.slice(0, 8)}` }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [api, session.accessToken]);
  return state;
}

export const venueName = (venues: readonly VenueOption[], id: string | null): string =>
  id ? (venues.find((venue) => venue.id === id)?.name ?? `Venue ${id.slice(0, 8)}`) : '';
