// The seat map's section names, which the order summary and the tickets name places by (a buyer reads "Orchestra
// Left" on the map, not its code ORCH-L). The map is immutable per version and cached (by the browser, or on the
// kiosk's and counter's machine), so reading it again for its names costs no download after the map was shown.
import type { SeatMapSection } from '../../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../../client/ticketing-client.ts';

export type SectionNames = readonly Pick<SeatMapSection, 'id' | 'name'>[];

/** The map's sections; none when the map cannot be read (places are then named by their section's code). */
export const loadSectionNames = (
  client: Pick<TicketingClient, 'getSeatMap'>,
  seatmapId: string,
): Promise<SectionNames> =>
  client.getSeatMap(seatmapId).then(
    (map) => map.sections,
    () => [],
  );

/** A section's name on the map, else its code. */
export const sectionNameOf = (sections: SectionNames, sectionId: string): string =>
  sections.find((section) => section.id === sectionId)?.name ?? sectionId;
