import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_2023_04_12_SV_URL } from '../../functions/core/sources/intermin-press';
import { type CliResult, readTree, runArgs, runCli, runCliProcess, scratch } from '../helpers/cli';

const T1 = '2026-11-20T04:00:00Z';
const T2 = '2026-11-21T04:00:00Z';

describe('CLI: npm start end to end on the bundled snapshots', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  let first: CliResult;
  let firstTree: Map<string, Buffer>;
  let second: CliResult;
  let secondTree: Map<string, Buffer>;

  beforeAll(async () => {
    dirs = await scratch();
    const args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data, '--json'];
    first = await runCli([...args, '--now', T1]);
    firstTree = await readTree(dirs.out);
    second = await runCli([...args, '--now', T2]);
    secondTree = await readTree(dirs.out);
  });
  afterAll(() => rm(dirs.dir, { recursive: true, force: true }));

  it('publishes the feed on the first run and says where it is', () => {
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.status).toBe('published');
    expect(report.counts).toMatchObject({ new: report.counts.total, changed: 0, removed: 0 });
    const table = report.sources.find((s: { id: string }) => s.id === 'eusa-amif-2021');
    expect(table).toMatchObject({ status: 'ok', records: 47, pageUpdated: '2024-03-05' });
    expect(first.stderr).toContain(`The feed is in ${dirs.out}`);
    expect(first.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes projects.json with meta and projects, and an RFC 4180 projects.csv', async () => {
    const json = JSON.parse(firstTree.get('v1/projects.json')!.toString('utf8'));
    expect(json.meta).toMatchObject({
      generatedAt: T1,
      schemaVersion: 1,
      licence: { id: 'CC-BY-4.0' },
    });
    expect(json.meta.sources[0]).toMatchObject({
      id: 'eusa-amif-2021',
      url: 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet',
      pageUpdated: '2024-03-05',
    });
    const table = json.projects.filter((p: { programme: string }) => p.programme === 'AMIF 2021-2027');
    expect(
      table.filter((p: { sources: { id: string }[] }) => p.sources.some((s) => s.id === 'eusa-amif-2021')),
    ).toHaveLength(47);

    const csv = firstTree.get('v1/projects.csv')!.toString('utf8');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const header = csv.slice(0, csv.indexOf('\r\n')).split(',');
    expect(header.slice(0, 4)).toEqual(['id', 'programme', 'fund', 'name']);
    expect(header).toContain('eu_funding_eur');
    const adere = json.projects.find((p: { acronym: string | null }) => p.acronym === 'ADERE');
    expect(csv).toContain(
      `${adere.id},AMIF 2021-2027,AMIF,ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä,ADERE,maahanmuuttovirasto,Maahanmuuttovirasto,1,Euroopan yhteinen turvapaikkajärjestelmä,,`,
    );
    expect(csv).toContain(',1444708.32,2023-05-01,2025-04-30,');
  });

  it('finds nothing changed on the second run and rewrites nothing but status.json', () => {
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.status).toBe('unchanged');
    expect(report.counts).toMatchObject({ new: 0, changed: 0, removed: 0, reinstated: 0 });
    expect(report.counts.unchanged).toBe(report.counts.total);
    expect(report.published).toEqual(['v1/status.json']);
    expect([...secondTree.keys()].sort()).toEqual([...firstTree.keys()].sort());
    for (const [key, bytes] of firstTree) {
      if (key === 'v1/status.json') continue;
      expect(secondTree.get(key)!.equals(bytes), key).toBe(true);
    }
    const status = JSON.parse(secondTree.get('v1/status.json')!.toString('utf8'));
    expect(status).toMatchObject({ lastRunAt: T2, lastChangedAt: T1, run: { status: 'unchanged' } });
  });
});

describe('CLI: bad input loses nothing', () => {
  it('skips a source whose snapshot page is missing, with a warning, and removes nothing', async () => {
    const dirs = await scratch();
    const args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data, '--json'];
    await runCli([...args, '--now', T1]);
    const before = await readTree(dirs.out);
    await rm(join(dirs.pages, 'eusa-amif-2021.html'));
    const result = await runCli([...args, '--now', T2]);
    const report = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(report.sources.find((s: { id: string }) => s.id === 'eusa-amif-2021')).toMatchObject({
      status: 'skipped',
      warnings: [expect.stringContaining(`no snapshot page at ${join(dirs.pages, 'eusa-amif-2021.html')}`)],
    });
    expect(report.counts.removed).toBe(0);
    const after = await readTree(dirs.out);
    expect(after.get('v1/projects.json')!.equals(before.get('v1/projects.json')!)).toBe(true);
    await rm(dirs.dir, { recursive: true, force: true });
  });

  it('refuses a page whose table lost a column: exit 3, the source named, nothing of it changed', async () => {
    const dirs = await scratch();
    const args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data, '--json'];
    await runCli([...args, '--now', T1]);
    const before = await readTree(dirs.out);
    const page = join(dirs.pages, 'eusa-amif-2021.html');
    const html = await readFile(page, 'utf8');
    await writeFile(page, html.replaceAll('EU-rahoitus (euroa)', 'Rahoitus'));
    const result = await runCli([...args, '--now', T2]);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    const source = report.sources.find((s: { id: string }) => s.id === 'eusa-amif-2021');
    expect(source.status).toBe('refused');
    expect(source.warnings[0]).toMatch(
      /^eusa-amif-2021: page layout changed: expected the columns "EU-rahoitus \(euroa\)"/,
    );
    expect(report.counts).toMatchObject({ changed: 0, removed: 0 });
    const after = await readTree(dirs.out);
    expect(after.get('v1/projects.json')!.equals(before.get('v1/projects.json')!)).toBe(true);
    expect(after.get('v1/projects.csv')!.equals(before.get('v1/projects.csv')!)).toBe(true);
    await rm(dirs.dir, { recursive: true, force: true });
  });

  it('answers a usage error with exit 2 and the usage text', async () => {
    // In a real process: node's exit code and stderr, as a shell sees them, come from main.ts.
    const result = await runCliProcess(['run', '--now', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--now expects an ISO-8601 time such as 2026-11-22T04:00:00Z, found "yesterday"',
    );
    expect(result.stderr).toContain('Usage: npm start --');
    expect((await runCli(['run', '--pages', 'x', '--live'])).code).toBe(2);
    expect((await runCli(['run', '--bogus'])).code).toBe(2);
  });

  it('fails --live without network with a clear message per source, not a stack trace', async () => {
    const dirs = await scratch();
    const result = await runCli([
      'run',
      '--live',
      '--out',
      dirs.out,
      '--data',
      dirs.data,
      '--json',
      '--now',
      T1,
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('failed');
    const table = report.sources.find((s: { id: string }) => s.id === 'eusa-amif-2021');
    expect(table.status).toBe('failed');
    expect(table.warnings[0]).toMatch(
      /^eusa-amif-2021: GET https:\/\/eusa-rahastot2021\.fi\/rahoitetut-amif-hankkeet: /,
    );
    expect(result.stderr).toContain('Nothing was published');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await rm(dirs.dir, { recursive: true, force: true });
  });
});

describe('CLI: a configured press release is read from --pages under its id', () => {
  it('reads a real release added with --press-releases ID=URL, links its mentions and creates no record', async () => {
    const { REAL_RELEASES, realText } = await import('../fixtures/pages/real-pages');
    const { textPage } = await import('../helpers/text-page');
    const dirs = await scratch();
    try {
      const page = REAL_RELEASES.intermin20221214fi;
      const id = 'intermin-press-2022-12-14-fi';
      await writeFile(join(dirs.pages, `${id}.html`), textPage(realText(page), page));
      const bundled = RELEASE_2023_04_12_SV_URL;
      const args = [...runArgs(dirs), '--json', '--now', T1];
      const run = await runCli([...args, '--press-releases', `${bundled},${id}=${page.url}`]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.sources.find((s: { id: string }) => s.id === id)).toMatchObject({
        status: 'ok',
        // Two named mentions make drafts; the third award is an unnamed sentence, linked by its subject.
        records: 2,
        url: page.url,
      });
      const json = JSON.parse(await readFile(join(dirs.out, 'v1/projects.json'), 'utf8'));
      const withIt = json.projects.filter((p: { sources: { id: string }[] }) =>
        p.sources.some((s) => s.id === id),
      );
      expect(withIt.map((p: { name: string; status: string }) => [p.name, p.status]).sort()).toEqual([
        ['IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen', 'listed'],
        ['Joustava turvapaikkamenettely', 'listed'],
        ['VOK-valmius', 'listed'],
        // "Migri sai operatiivista tukea myös paluuneuvonnan ylläpitämiseen": linked by its subject.
        ['Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki', 'listed'],
      ]);
      const bad = await runCli([...args, '--press-releases', 'Bad Id=https://intermin.fi/x']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--press-releases holds entries that are not');
    } finally {
      await rm(dirs.dir, { recursive: true, force: true });
    }
  });
});
