// After a damaged cache was set aside and started empty: fetches again, once the cloud answers, what a counter shows
// while offline (the events on sale, and each event of the machine's allotments with its seat map). Run by the sync
// loop after the allotments are pulled, until one pass has fetched it all from the cloud.
import { apiPaths } from '../../cloud/contract/routes.ts';
import type { CatalogFetcher } from './catalog-fetcher.ts';

export function catalogRebuild(catalog: CatalogFetcher, allotments: () => { eventId: string }[]): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    const events = await catalog.get(apiPaths.events());
    if (events.offline) return;
    for (const eventId of new Set(allotments().map((allotment) => allotment.eventId))) {
      const event = await catalog.get<{ seatmapId: string }>(apiPaths.event(eventId));
      await catalog.get(apiPaths.seatMap(event.value.seatmapId));
    }
    done = true;
  };
}
