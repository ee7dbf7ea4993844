// Electron's security checklist, checked by a tool as well as by our own tests: @doyensec/electronegativity runs over
// the main process, the preload script and the pages' HTML, and every finding must be one reviewed and justified in
// main/electronegativity.json (and every justification must still match a finding, so the list cannot go stale).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
/** The Electron the app is built for (package.json's dist script); the tool's checks depend on its defaults. */
const ELECTRON_VERSION = /electron@([\d.]+)/.exec(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { dist: string } }).scripts.dist,
)![1]!;

interface Justification {
  check: string;
  file: string;
  reason: string;
}

/**
 * The findings from the tool's SARIF report. Not its CSV: the tool writes the CSV's header and rows with two
 * unsynchronised fs.writeFile calls (one truncating), so the header can land over the first row's text.
 */
function parseSarif(text: string): { check: string; file: string; message: string }[] {
  const sarif = JSON.parse(text) as {
    runs: {
      results: {
        ruleId: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      }[];
    }[];
  };
  return sarif.runs.flatMap((run) =>
    run.results.map((r) => ({
      check: r.ruleId,
      file: r.locations[0]!.physicalLocation.artifactLocation.uri,
      message: r.message.text,
    })),
  );
}

describe('electronegativity', () => {
  it('finds nothing that is not reviewed and justified', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticketboss-eneg-'));
    try {
      const input = join(dir, 'app');
      cpSync(join(root, 'main'), join(input, 'main'), { recursive: true });
      cpSync(join(root, 'preload'), join(input, 'preload'), { recursive: true });
      cpSync(join(root, 'renderer/index.html'), join(input, 'index.html'));
      const output = join(dir, 'findings.sarif');
      await promisify(execFile)(
        join(root, 'node_modules/.bin/electronegativity'),
        ['-i', input, '-e', ELECTRON_VERSION, '-r', '-o', output],
        { cwd: dir, timeout: 110_000 },
      );
      const findings = parseSarif(readFileSync(output, 'utf8'));
      const { justified } = JSON.parse(readFileSync(join(root, 'main/electronegativity.json'), 'utf8')) as {
        justified: Justification[];
      };
      const isJustified = (f: { check: string; file: string }) =>
        justified.some((j) => j.check === f.check && j.file === f.file);
      expect(findings.filter((f) => !isJustified(f))).toEqual([]);
      expect(justified.filter((j) => !findings.some((f) => f.check === j.check && f.file === j.file))).toEqual([]);
      expect(justified.every((j) => j.reason.length > 40)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
