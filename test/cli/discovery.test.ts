import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELEASE_2023_04_12_SV_URL } from '../../functions/core/sources/intermin-press';
import { runArgs, runCli, scratch } from '../helpers/cli';

const LISTING = 'https://intermin.fi/sv/sok?q=AMIF';
const RELEASE = RELEASE_2023_04_12_SV_URL;
/** A real release the directory does not have (test/fixtures/pages): discovered, never fetched. */
const ABSENT =
  'https://intermin.fi/sv/-/nastan-6-miljoner-euro-beviljas-ur-amif-fonden-for-asyl-och-migrationsfragor';
const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T04:00:00Z`;

interface Report {
  status: string;
  counts: { total: number; new: number; removed: number };
  sources: { id: string; status: string; records: number; warnings: string[] }[];
  warnings: string[];
}

describe('CLI: discovery with --pages and index.json', () => {
  it('a new listing item leads to a new announcement and a notice; a rerun announces nothing; a failing listing forgets nothing', async () => {
    const dirs = await scratch('amif-feed-discovery-');
    try {
      const bundled = await readFile(join(dirs.pages, 'intermin-search-sv.html'), 'utf8');
      // Only the index leads to the listing and the release; without the 2021 table the release's awards are new.
      for (const f of [
        'intermin-search-sv.html',
        'intermin-press-2023-04-12-sv.html',
        'eusa-amif-2021.html',
      ]) {
        if (f === 'intermin-press-2023-04-12-sv.html')
          await copyFile(join(dirs.pages, f), join(dirs.pages, 'release.html'));
        await rm(join(dirs.pages, f));
      }
      const index = { [LISTING]: 'listing.html', [RELEASE]: 'release.html' };
      await writeFile(join(dirs.pages, 'index.json'), JSON.stringify(index));
      const before = bundled.replace(/<li class="search-result">\s*<p>12\.4\.2023[\s\S]*?<\/li>/, '');
      const after = bundled.replace(
        '<ul class="search-results">',
        `<ul class="search-results">\n<li><p>14.12.2022 | AMIF-fonden: nästan 6 miljoner euro beviljas.</p><a href="${ABSENT}">${ABSENT}</a></li>`,
      );
      expect(before).not.toContain(RELEASE);
      const args = [...runArgs(dirs), '--json', '--listings', `sok=${LISTING}`];
      const run = async (day: number, listing: string | null) => {
        if (listing !== null) await writeFile(join(dirs.pages, 'listing.html'), listing);
        const result = await runCli([...args, '--now', at(day)]);
        return { ...result, report: JSON.parse(result.stdout) as Report };
      };
      const source = (r: Report, id: string) => r.sources.find((s) => s.id === id);
      const outbox = async () => (await readdir(join(dirs.data, 'outbox')).catch(() => [])).sort();

      const first = await run(1, before);
      expect(first.code).toBe(0);
      expect(first.report.counts).toMatchObject({ total: 24, new: 24 });
      expect(source(first.report, 'sok')).toMatchObject({ status: 'ok', records: 0 });
      expect(source(first.report, 'intermin-press-2023-04-12-sv')).toBeUndefined();
      expect(await outbox()).toEqual([]);

      const second = await run(2, after);
      expect(second.code).toBe(0);
      expect(second.report.counts).toMatchObject({ total: 37, new: 13, removed: 0 });
      expect(source(second.report, 'sok')).toMatchObject({ status: 'ok', records: 2 });
      expect(source(second.report, 'intermin-press-2023-04-12-sv')).toMatchObject({
        status: 'ok',
        records: 13,
      });
      const absent = second.report.sources.find(
        (s) => s.status === 'skipped' && s.id.startsWith('intermin-press-sv-'),
      );
      expect(absent?.warnings[0]).toMatch(
        /^intermin-press-sv-[0-9a-f]{10}: no snapshot page at .*\.html; its projects were left as they were$/,
      );
      expect(await outbox()).toEqual([`run-20261202T040000Z.json`]);
      const notice = JSON.parse(
        await readFile(join(dirs.data, 'outbox', 'run-20261202T040000Z.json'), 'utf8'),
      );
      expect(notice.subject).toBe('13 uutta AMIF-hanketta / 13 new AMIF awards');
      expect(notice.awards[0]).toMatchObject({
        name: 'KOTU',
        status: 'announced',
        announcements: [{ date: '2023-04-12', url: RELEASE, lang: 'sv', amountEur: 212429 }],
      });
      expect(second.stderr).toContain('notice: 13 uutta AMIF-hanketta / 13 new AMIF awards');

      const third = await run(3, null);
      expect(third.code).toBe(0);
      expect(third.report.status).toBe('unchanged');
      expect(third.report.counts).toMatchObject({ total: 37, new: 0 });
      expect(await outbox()).toEqual([`run-20261202T040000Z.json`]);

      // The listing changes shape: refused (exit 3); the release it led to is still read, nothing is removed.
      const fourth = await run(
        4,
        '<html><body><main><h1>Sök</h1><p>Tjänsten är inte tillgänglig.</p></main></body></html>',
      );
      expect(fourth.code).toBe(3);
      expect(source(fourth.report, 'sok')?.status).toBe('refused');
      expect(source(fourth.report, 'intermin-press-2023-04-12-sv')).toMatchObject({
        status: 'ok',
        records: 13,
      });
      expect(fourth.report.counts).toMatchObject({ total: 37, new: 0, removed: 0 });

      // The listing is gone from the directory: skipped, never fetched; the release still read.
      await writeFile(join(dirs.pages, 'index.json'), JSON.stringify({ [RELEASE]: 'release.html' }));
      const fifth = await run(5, null);
      expect(fifth.code).toBe(0);
      expect(source(fifth.report, 'sok')?.status).toBe('skipped');
      expect(source(fifth.report, 'intermin-press-2023-04-12-sv')?.status).toBe('ok');
      expect(fifth.report.counts).toMatchObject({ total: 37, removed: 0 });
      expect(await outbox()).toEqual([`run-20261202T040000Z.json`]);
    } finally {
      await rm(dirs.dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('npm start on the bundled pages discovers the bundled release from the bundled listing', async () => {
    const dirs = await scratch('amif-feed-discovery-');
    try {
      const result = await runCli([...runArgs(dirs), '--json', '--now', at(1)]);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.sources.map((s) => [s.id, s.status])).toEqual([
        ['eusa-amif-2021', 'ok'],
        ['eusa-amif-2014-so1', 'ok'],
        ['eusa-amif-2014-so2', 'ok'],
        ['eusa-amif-2014-so3', 'ok'],
        ['eusa-amif-fund', 'ok'],
        ['migri-hankkeet', 'ok'],
        ['migri-projekt-sv', 'ok'],
        ['migri-projects-en', 'ok'],
        ['migri-completed-projects-en', 'ok'],
        ['intermin-press-2023-04-12-sv', 'ok'],
        ['vn-press-en', 'ok'],
        ['intermin-search-fi', 'skipped'],
        ['intermin-search-sv', 'ok'],
        ['intermin-search-en', 'skipped'],
      ]);
      expect(report.warnings).toContain(
        'intermin-search-sv: note: "Inrikesministeriet har beviljat 10,4 miljoner euro ur asyl-, migrations- och ' +
          `integrationsfonden (AMIF) till 17 projekt och operativ verksamhet." ${RELEASE}: an award release (names "AMIF"); ` +
          'read as intermin-press-2023-04-12-sv',
      );
      expect(report.counts).toMatchObject({ total: 60, new: 60 });
    } finally {
      await rm(dirs.dir, { recursive: true, force: true });
    }
  }, 300_000);
});
