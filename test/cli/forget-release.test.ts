/**
 * Forgetting a discovered release (docs/discovery.md, "Forgetting a release"): the operator's way to
 * stop a release that never reads as one from being refused, and its alarm firing, in every run.
 * Through the command line on the bundled pages, whose listing leads to the 12.4.2023 release.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runArgs, runCli, scratch } from '../helpers/cli';

const RELEASE_ID = 'intermin-press-2023-04-12-sv';
/** What the release's address answers in these tests: a page of the site with no release in it. */
const NOT_A_RELEASE =
  '<!doctype html><html lang="sv"><body><main><h2>Underhåll</h2><p>Webbplatsen uppdateras. Försök igen senare.</p></main></body></html>';
const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T04:00:00Z`;

interface Report {
  status: string;
  counts: { total: number };
  sources: { id: string; status: string; records: number }[];
  warnings: string[];
}

describe('CLI: --forget-release', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  beforeEach(async () => {
    dirs = await scratch('amif-feed-forget-');
  });
  afterEach(() => rm(dirs.dir, { recursive: true, force: true }));

  const run = async (day: number, ...extra: string[]) => {
    const result = await runCli([...runArgs(dirs), '--json', '--now', at(day), ...extra]);
    return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Report) : null };
  };
  const release = (r: Report | null) => r?.sources.find((s) => s.id === RELEASE_ID);

  it('a release that never read as one: refused until forgotten, then no longer read and not found again', async () => {
    await writeFile(join(dirs.pages, `${RELEASE_ID}.html`), NOT_A_RELEASE);
    const first = await run(1);
    expect(first.code).toBe(3);
    expect(release(first.report)).toMatchObject({ status: 'refused', records: 0 });

    const unknown = await run(2, '--forget-release', 'intermin-press-sv-0123456789');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `cannot forget release intermin-press-sv-0123456789: no release the listings led to has that id (known: ${RELEASE_ID})`,
    );

    const forgetting = await run(3, '--forget-release', RELEASE_ID);
    expect(forgetting.code).toBe(0);
    expect(release(forgetting.report)).toBeUndefined();
    expect(forgetting.report?.warnings).toContainEqual(
      expect.stringMatching(new RegExp(`^${RELEASE_ID}: note: forgotten as asked \\(https://`)),
    );
    const status = JSON.parse(await readFile(join(dirs.out, 'v1/status.json'), 'utf8'));
    expect(status.run.warnings).toContainEqual(
      expect.stringContaining(`${RELEASE_ID}: note: forgotten as asked`),
    );

    // The listing still lists it; it is neither read nor found again, and the run is whole again.
    const after = await run(4);
    expect(after.code).toBe(0);
    expect(release(after.report)).toBeUndefined();
    expect(after.report?.warnings.join('\n')).not.toContain(`read as ${RELEASE_ID}`);
  }, 60_000);

  it('refuses to forget a release whose reading gave records: its awards would leave the feed', async () => {
    const first = await run(1);
    expect(first.code).toBe(0);
    expect(release(first.report)).toMatchObject({ status: 'ok', records: 13 });
    const before = await readFile(join(dirs.out, 'v1/projects.json'), 'utf8');

    const refused = await run(2, '--forget-release', RELEASE_ID);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `cannot forget release ${RELEASE_ID}: its last reading gave 13 records, and forgetting it would take them out of the feed`,
    );
    expect(await readFile(join(dirs.out, 'v1/projects.json'), 'utf8')).toBe(before);
    expect(release((await run(3)).report)).toMatchObject({ status: 'ok', records: 13 });
  }, 60_000);

  it('names a malformed id as a usage error', async () => {
    const bad = await run(1, '--forget-release', 'Not An Id');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--forget-release expects source ids such as intermin-press-fi-0123456789, found "Not An Id"',
    );
  });
});
