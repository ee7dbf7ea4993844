// scripts/smoke.ts, the check the restore runbook ends with, run against `npm start`'s cloud (PGlite, seeded) as it
// would run against the estate: every step passes on a working API (a seat held and released included), and a dead
// or wrong URL fails it, through the command line's exit code too.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { smoke } from '../../scripts/smoke.ts';
import { startTestCloud } from '../support/local-cloud.ts';

const run = promisify(execFile);

describe('the smoke script', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, webDir: '/nonexistent' });
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it('passes every step against a working API, holding and releasing a seat', async () => {
    const steps = await smoke({ baseUrl: cloud.url, hold: true });
    expect(steps.map((s) => [s.name, s.ok, s.ok ? '' : s.detail])).toEqual([
      ['the API answers', true, ''],
      ['the database answers: events are listed', true, ''],
      ['an event and its seat map', true, ''],
      ['its availability', true, ''],
      ['a seat held and released', true, ''],
    ]);
    // The seat went back: nothing is left held by the check.
    const event = cloud.seeded!.events[0]!;
    const availability = await fetch(`${cloud.url}/v1/events/${event.id}/availability`).then((r) => r.json());
    expect(availability.tiers.reduce((sum: number, t: { held: number }) => sum + t.held, 0)).toBe(0);
  });

  it('fails at the first step against a URL that is not the API', async () => {
    const steps = await smoke({ baseUrl: 'http://127.0.0.1:9' });
    expect(steps).toHaveLength(2);
    expect(steps.every((s) => !s.ok)).toBe(true);
  });

  it('prints each step and exits 0 on success, 1 on failure, from the command line', async () => {
    const passed = await run('npx', ['tsx', 'scripts/smoke.ts', cloud.url, '--hold'], { timeout: 60_000 });
    expect(passed.stdout).toContain('✓ a seat held and released');
    expect(passed.stdout).toContain('all 5 checks passed');
    const failed = run('npx', ['tsx', 'scripts/smoke.ts', 'http://127.0.0.1:9'], { timeout: 60_000 });
    await expect(failed).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('✗ the API answers') });
  }, 120_000);
});
