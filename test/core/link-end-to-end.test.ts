/**
 * `npm start` on the bundled snapshots with every source: one record per project in v1/projects.json,
 * each source reporting its own status and count, and a missing or refused source changing nothing.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_FIRST_RUN_SOURCES } from '../helpers/bundled-run';
import { type CliResult, readTree, runCli, scratch } from '../helpers/cli';

const T1 = '2026-11-22T04:00:00Z';
const T2 = '2026-11-23T04:00:00Z';
const T3 = '2026-11-24T04:00:00Z';

interface Project {
  id: string;
  name: string;
  sources: { id: string }[];
  status: string;
  migri: { matchedBy: string } | null;
  announcements: unknown[];
}

const LISTING_IDS = new Set([
  'vn-press-en',
  'intermin-search-fi',
  'intermin-search-sv',
  'intermin-search-en',
]);

describe('Link end to end: npm start with every source', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  let args: string[];
  let first: CliResult;
  let second: CliResult;
  let firstTree: Map<string, Buffer>;

  beforeAll(async () => {
    dirs = await scratch('amif-link-');
    args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data, '--json'];
    first = await runCli([...args, '--now', T1]);
    firstTree = await readTree(dirs.out);
    second = await runCli([...args, '--now', T2]);
  });
  afterAll(() => rm(dirs.dir, { recursive: true, force: true }));

  it('reports each source with its own status and record count', () => {
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(
      report.sources.map((s: { id: string; status: string; records: number }) => [s.id, s.status, s.records]),
    ).toEqual(BUNDLED_FIRST_RUN_SOURCES);
    // The listings' notes (what each item was taken for) are asserted in test/cli/discovery.test.ts.
    const pages = report.sources.filter((s: { id: string }) => !LISTING_IDS.has(s.id));
    // The release's totals are noted, never made records (docs/press-releases.md).
    expect(pages.flatMap((s: { warnings: string[] }) => s.warnings)).toEqual([
      'intermin-press-2023-04-12-sv: note: totals of the release, not projects (no record made): ' +
        '"cirka 62,4 miljoner euro" (the programme\'s or fund\'s), "cirka 16,8 miljoner euro" (the programme\'s or fund\'s)',
    ]);
    expect(report.status).toBe('published');
    expect(report.counts).toMatchObject({ total: 60, new: 60 });
  });

  it('publishes one record per project in v1/projects.json, and v1/reference.json', () => {
    const projects: Project[] = JSON.parse(firstTree.get('v1/projects.json')!.toString('utf8')).projects;
    expect(projects).toHaveLength(60);
    expect(new Set(projects.map((p) => p.id)).size).toBe(60);
    expect(new Set(projects.map((p) => `${p.name}|${p.sources[0]!.id}`)).size).toBe(60);
    expect(projects.filter((p) => p.migri !== null)).toHaveLength(17);
    expect(projects.filter((p) => p.announcements.length > 0)).toHaveLength(19);
    expect(projects.filter((p) => p.status === 'announced')).toEqual([]);
    const reference = JSON.parse(firstTree.get('v1/reference.json')!.toString('utf8'));
    expect(reference).toMatchObject({ programme: 'AMIF 2021-2027', allocationEur: 67_900_000 });
    expect(reference.specificObjectives).toHaveLength(3);
  });

  it('finds nothing changed on the second run: no source is refused for the linked ids', () => {
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.status).toBe('unchanged');
    expect(report.counts).toMatchObject({ total: 60, unchanged: 60 });
    expect(report.sources.filter((s: { status: string }) => s.status === 'refused')).toEqual([]);
  });

  it('keeps everything a missing or refused source contributed', async () => {
    await rm(join(dirs.pages, 'migri-hankkeet.html'));
    const press = join(dirs.pages, 'intermin-press-2023-04-12-sv.html');
    await writeFile(press, (await readFile(press, 'utf8')).replace(/<h1[^>]*>[\s\S]*?<\/h1>/, ''));
    const third = await runCli([...args, '--now', T3]);
    expect(third.code).toBe(3);
    const report = JSON.parse(third.stdout);
    const status = Object.fromEntries(
      report.sources.map((s: { id: string; status: string; records: number }) => [
        s.id,
        [s.status, s.records],
      ]),
    );
    expect(status['migri-hankkeet']).toEqual(['skipped', 17]);
    expect(status['intermin-press-2023-04-12-sv']).toEqual(['refused', 13]);
    expect(report.counts).toMatchObject({ total: 60, new: 0, changed: 0, removed: 0 });
    const after = await readTree(dirs.out);
    expect(after.get('v1/projects.json')!.equals(firstTree.get('v1/projects.json')!)).toBe(true);
  });
});
