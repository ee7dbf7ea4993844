// wallet (issue 18): the directions link of the ticket wallet: an OpenStreetMap search by the venue's name, street
// address and city; on an Android phone a geo: URI, which opens the buyer's map app.
import { describe, expect, it } from 'vitest';
import { directionsUrl } from '../../../renderer/modes/shop/wallet/directions.ts';

const venue = { id: 'v', name: 'Grand Theatre', city: 'Vienna', timezone: 'Europe/Vienna', address: 'Opernring 2' };
const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36';

describe('directions to the venue', () => {
  it('searches the venue by name, address and city on OpenStreetMap', () => {
    expect(directionsUrl(venue, DESKTOP)).toBe(
      'https://www.openstreetmap.org/search?query=Grand%20Theatre%2C%20Opernring%202%2C%20Vienna',
    );
  });
  it('leaves out an address the venue does not have', () => {
    expect(directionsUrl({ ...venue, address: null }, DESKTOP)).toBe(
      'https://www.openstreetmap.org/search?query=Grand%20Theatre%2C%20Vienna',
    );
  });
  it('opens the map app on an Android phone (geo: URI with the same query)', () => {
    expect(directionsUrl(venue, ANDROID)).toBe('geo:0,0?q=Grand%20Theatre%2C%20Opernring%202%2C%20Vienna');
  });
});
