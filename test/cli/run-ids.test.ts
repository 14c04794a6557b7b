import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, readTree, runCli, scratch } from '../helpers/cli';

const T1 = '2026-11-20T04:00:00Z';
const EARLIER = '2026-11-19T04:00:00Z';

/** Issue 19, rows 1 and 9: a run's time never repeats or goes back, so run ids stay unique. */
describe('CLI: a run at or before the last run time is refused', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  let again: CliResult;
  let earlier: CliResult;
  let before: Map<string, Buffer>;
  let after: Map<string, Buffer>;

  beforeAll(async () => {
    dirs = await scratch('amif-feed-run-ids-');
    const args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data];
    expect((await runCli([...args, '--now', T1])).code).toBe(0);
    before = await readTree(dirs.out);
    // A page changes, so the rerun would publish a new snapshot under the same second.
    const page = join(dirs.pages, 'eusa-amif-2021.html');
    const html = await readFile(page, 'utf8');
    await writeFile(page, html.replace('ADERE', 'ADERE2'));
    again = await runCli([...args, '--now', T1]);
    earlier = await runCli([...args, '--now', EARLIER]);
    after = await readTree(dirs.out);
  }, 60_000);
  afterAll(() => rm(dirs.dir, { recursive: true, force: true }));

  it('refuses a second run with the same --now second, naming the last run, exit 2', () => {
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      "error: this run's time 2026-11-20T04:00:00Z is not after the last run's (run-20261120T040000Z at 2026-11-20T04:00:00Z)",
    );
    expect(again.stderr).toContain('nothing was changed');
  });

  it('refuses a --now earlier than the last run, exit 2', () => {
    expect(earlier.code).toBe(2);
    expect(earlier.stderr).toContain(
      "error: this run's time 2026-11-19T04:00:00Z is not after the last run's",
    );
  });

  it('leaves every published file as the first run wrote it, so the snapshot index matches its files', async () => {
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, bytes] of before) expect(after.get(key)?.equals(bytes), key).toBe(true);
    const index = JSON.parse(after.get('v1/snapshots/index.json')!.toString('utf8'));
    expect(index.snapshots).toHaveLength(1);
    for (const file of index.snapshots[0].files) {
      const bytes = after.get(file.path)!;
      expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
      expect(bytes.byteLength).toBe(file.bytes);
    }
    expect(await readdir(join(dirs.data, 'outbox')).catch(() => [])).toEqual([]);
  });
});
