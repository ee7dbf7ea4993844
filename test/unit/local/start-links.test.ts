// `npm start` prints the shop's page of each seeded event and the back office, not API addresses.
import { describe, expect, it } from 'vitest';
import { startLinks } from '../../../cloud/local/start-links.ts';

const events = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'Spring Gala' },
  { id: '22222222-2222-4222-8222-222222222222', name: 'Derby Day' },
];

describe('npm start links', () => {
  it('prints a shop link per seeded event and the back office', () => {
    const lines = startLinks('http://localhost:8080', events, true);
    expect(lines).toEqual([
      '  event: Spring Gala — http://localhost:8080/events/11111111-1111-4111-8111-111111111111',
      '  event: Derby Day — http://localhost:8080/events/22222222-2222-4222-8222-222222222222',
      '  back office: http://localhost:8080/admin',
    ]);
    expect(lines.join('\n')).not.toContain('/v1/');
  });

  it('says how to build the shop when it is not built', () => {
    const lines = startLinks('http://localhost:8080', events, false);
    expect(lines[0]).toContain('/v1/events/11111111-1111-4111-8111-111111111111');
    expect(lines[0]).toContain('npm run build');
  });
});
