// What `npm start` prints to open: the shop's page of each seeded event and the back office, the pages a person
// opens in a browser (the API's own addresses are in its OpenAPI document).
import { apiPaths } from '../contract/routes.ts';

export interface ShownEvent {
  id: string;
  name: string;
}

/** The lines of links, one per event, then the back office; without a built shop, the API's event addresses. */
export function startLinks(baseUrl: string, events: readonly ShownEvent[], shopBuilt: boolean): string[] {
  const lines = events.map((event) =>
    shopBuilt
      ? `  event: ${event.name} — ${baseUrl}/events/${encodeURIComponent(event.id)}`
      : `  event: ${event.name} — ${baseUrl}${apiPaths.event(event.id)} (npm run build for the shop)`,
  );
  if (shopBuilt) lines.push(`  back office: ${baseUrl}/admin`);
  return lines;
}
