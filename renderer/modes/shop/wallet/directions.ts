// A link to the venue on a map: an OpenStreetMap search by the venue's name, address and city; on an Android phone a
// geo: URI instead, which opens the map app the buyer uses.
import { venueLine, type VenuePlace } from './wallet-data.ts';

export function directionsUrl(venue: VenuePlace, userAgent: string = navigator.userAgent): string {
  const query = encodeURIComponent(venueLine(venue));
  if (/Android/i.test(userAgent)) return `geo:0,0?q=${query}`;
  return `https://www.openstreetmap.org/search?query=${query}`;
}
