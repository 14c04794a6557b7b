import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, readTree, runArgs, runCli, scratch } from '../helpers/cli';

const BASELINE = '2026-11-20T04:00:00Z';
const NOW = '2026-11-21T04:00:00Z';
/** A project of the 2021–2027 table that no Migri page lists: when its row appears it is a new award. */
const NAME = 'Mutkatonta kotoutumista';
const BUSY = /^error: another run \(process \d+\) is using the data directory .+; this run changed nothing$/;
const TIME = `error: this run's time ${NOW} is not after the last run's (run-20261121T040000Z at ${NOW})`;

interface SnapshotIndex {
  latest: string;
  snapshots: { id: string; records: number; files: { path: string; sha256: string; bytes: number }[] }[];
}

/**
 * Issue 19, row 1, as a race: two publishing runs started at once with the same --now on the same
 * --data (a scripted rerun or a backfill started twice). Whichever reaches the data directory
 * second is refused (busy, exit 4, while the first holds it; or the time check, exit 2, once the
 * first has finished), so one run publishes one snapshot and sends one notice.
 */
describe('CLI: two runs with the same --now started at once', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  let results: CliResult[];
  let tree: Map<string, Buffer>;
  let notice: string;
  let rerun: CliResult;
  let afterRerun: Map<string, Buffer>;

  beforeAll(async () => {
    dirs = await scratch('amif-same-now-');
    const page = join(dirs.pages, 'eusa-amif-2021.html');
    const html = await readFile(page, 'utf8');
    const row = new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*?<td>${NAME}</td>[\\s\\S]*?</tr>\\s*`);
    expect(html).toMatch(row);
    // The baseline run does not see the project; the raced runs find it new.
    await writeFile(page, html.replace(row, ''));
    expect((await runCli([...runArgs(dirs), '--now', BASELINE])).code).toBe(0);
    await writeFile(page, html);
    const args = [...runArgs(dirs), '--now', NOW, '--json'];
    results = await Promise.all([runCli(args), runCli(args)]);
    tree = await readTree(dirs.out);
    notice = await readFile(join(dirs.data, 'outbox', 'run-20261121T040000Z.json'), 'utf8');
    // Then the same --now once more, after both ended, with a page that changed meanwhile.
    await writeFile(page, html.replace('<td>ADERE', '<td>ADERE2'));
    rerun = await runCli(args);
    afterRerun = await readTree(dirs.out);
  }, 240_000);
  afterAll(() => rm(dirs.dir, { recursive: true, force: true }));

  it('one run publishes; the other is refused as busy (exit 4) or as not after the last run (exit 2)', () => {
    const winners = results.filter((r) => r.code === 0);
    const losers = results.filter((r) => r.code !== 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(JSON.parse(winners[0]!.stdout)).toMatchObject({
      runId: 'run-20261121T040000Z',
      status: 'published',
      counts: { new: 1 },
    });
    const loser = losers[0]!;
    expect([2, 4]).toContain(loser.code);
    if (loser.code === 4) expect(loser.stderr.trim()).toMatch(BUSY);
    else expect(loser.stderr).toContain(TIME);
    expect(loser.stderr).not.toMatch(/\n\s+at /);
  });

  it('the snapshot index gives each file its true SHA-256 and size, and the latest snapshot holds every record', () => {
    const index = JSON.parse(tree.get('v1/snapshots/index.json')!.toString('utf8')) as SnapshotIndex;
    expect(index.snapshots.map((s) => s.id)).toEqual(['2026-11-20T040000Z', '2026-11-21T040000Z']);
    expect(index.latest).toBe('2026-11-21T040000Z');
    let checked = 0;
    for (const snapshot of index.snapshots) {
      for (const file of snapshot.files) {
        const bytes = tree.get(file.path);
        expect(bytes, file.path).toBeDefined();
        expect(createHash('sha256').update(bytes!).digest('hex'), file.path).toBe(file.sha256);
        expect(bytes!.byteLength, file.path).toBe(file.bytes);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    const projects = JSON.parse(tree.get('v1/projects.json')!.toString('utf8')).projects as {
      name: string;
    }[];
    expect(index.snapshots.at(-1)!.records).toBe(projects.length);
    expect(projects.filter((p) => p.name === NAME)).toHaveLength(1);
    // The latest files are the latest snapshot's, byte for byte.
    expect(
      tree.get('v1/projects.json')!.equals(tree.get('v1/snapshots/2026-11-21T040000Z/projects.json')!),
    ).toBe(true);
  });

  it('the outbox holds one notice, announcing the one new project', async () => {
    const outbox = join(dirs.data, 'outbox');
    expect(await readdir(outbox)).toEqual(['run-20261121T040000Z.json']);
    const sent = JSON.parse(await readFile(join(outbox, 'run-20261121T040000Z.json'), 'utf8'));
    expect(sent.awards.map((a: { name: string }) => a.name)).toEqual([NAME]);
  });

  it('a third run with the same --now and a changed page is refused (exit 2) and changes no file and no notice', async () => {
    expect(rerun.code).toBe(2);
    expect(rerun.stderr).toContain(TIME);
    expect([...afterRerun.keys()].sort()).toEqual([...tree.keys()].sort());
    for (const [key, bytes] of tree) expect(afterRerun.get(key)?.equals(bytes), key).toBe(true);
    const outbox = join(dirs.data, 'outbox');
    expect(await readdir(outbox)).toEqual(['run-20261121T040000Z.json']);
    expect(await readFile(join(outbox, 'run-20261121T040000Z.json'), 'utf8')).toBe(notice);
  });
});
