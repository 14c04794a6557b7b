import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryObjectStore } from '../../functions/adapters/dir-objects';
import type { DynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { LeaseHeldError } from '../../functions/core/errors';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { RunReport } from '../../functions/core/model/run-report';
import { runPipeline } from '../../functions/core/pipeline';
import type { AwardNotice, PageFetcher } from '../../functions/core/ports';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { pageFetcher, quietLogger } from '../helpers/doubles';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';

const quiet = quietLogger;
const config = feedConfigSchema.parse({ publicBaseUrl: 'https://feed.example' });

/** Edits of the real snapshot page, as the ministry's CMS might make them. */
function edit(html: string, change: ($: cheerio.CheerioAPI) => void): string {
  const $ = cheerio.load(html);
  change($);
  return $.html();
}
const rowOf = ($: cheerio.CheerioAPI, name: string) =>
  $('tbody tr').filter((_, tr) => $(tr).children('td').first().text().trim() === name);

describe('Scenarios: history over several runs of the 2021 table', () => {
  let dynamo: TestDynamo;
  let state: DynamoDbStateStore;
  let outDir: string;
  let seed: string;
  let page: string;
  let day = 0;
  const notices: AwardNotice[] = [];

  const harvest = (fetcher: PageFetcher = pageFetcher(() => page), sameDay = false): Promise<RunReport> => {
    if (!sameDay) day++;
    return runPipeline({
      sources: [eusaAmif2021],
      fetcher,
      state,
      store: createDirectoryObjectStore(outDir),
      notifier: { notify: async (n) => void notices.push(n) },
      logger: quiet,
      now: new Date(Date.UTC(2026, 0, day, 4)),
      config,
    });
  };
  const published = async () => JSON.parse(await readFile(join(outDir, 'v1/projects.json'), 'utf8'));
  const idOf = async (name: string) => (await state.loadCurrent()).find((r) => r.name === name)!.id;

  beforeAll(async () => {
    dynamo = await startTestDynamo();
    ({ store: state } = await dynamo.newStore());
    outDir = await mkdtemp(join(tmpdir(), 'amif-history-'));
    seed = await readFile(new URL('../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');
    page = seed;
    const first = await harvest();
    expect(first.counts.new).toBe(47);
    expect(notices).toHaveLength(0);
  });
  afterAll(async () => {
    await dynamo.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('a new row is a new project, version 1, and one award notice', async () => {
    page = edit(seed, ($) => {
      const row = rowOf($, 'Puheesta tekstiksi').clone();
      row.children('td').eq(0).text('LISÄ - Uusi rahoitettu hanke');
      row.children('td').eq(4).text('250 000,00');
      $('tbody').append(row);
    });
    const report = await harvest();
    expect(report.counts).toEqual({
      total: 48,
      new: 1,
      changed: 0,
      removed: 0,
      reinstated: 0,
      unchanged: 47,
    });
    const id = await idOf('LISÄ - Uusi rahoitettu hanke');
    expect((await state.loadVersions(id)).map((v) => [v.version, v.kind])).toEqual([[1, 'new']]);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe('1 uusi AMIF-hanke / 1 new AMIF award');
    expect(notices[0]!.awards.map((a) => [a.name, a.euFundingEur])).toEqual([
      ['LISÄ - Uusi rahoitettu hanke', 250000],
    ]);
  });

  it('an amount change and a moved end date are versions naming the fields, without a notice', async () => {
    const seedWithNew = page;
    page = edit(seedWithNew, ($) => {
      rowOf($, 'Joustava turvapaikkamenettely').children('td').eq(4).text('2300120,8');
      rowOf($, 'VOK-valmius').children('td').eq(6).text('31.12.2023');
    });
    const report = await harvest();
    expect(report.counts).toMatchObject({ changed: 2, new: 0, unchanged: 46 });
    const joustava = await state.loadVersions(await idOf('Joustava turvapaikkamenettely'));
    expect(joustava.at(-1)).toMatchObject({
      version: 2,
      kind: 'changed',
      fields: [{ field: 'euFundingEur', old: 2200120.8, new: 2300120.8 }],
    });
    const vok = await state.loadVersions(await idOf('VOK-valmius'));
    expect(vok.at(-1)!.fields).toEqual([{ field: 'endDate', old: '2023-07-31', new: '2023-12-31' }]);
    expect(vok.at(-1)!.run.sources[0]).toMatchObject({
      id: 'eusa-amif-2021',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(notices).toHaveLength(1);
  });

  it('a renamed project keeps its id and records the name change', async () => {
    const before = await idOf('Puheesta tekstiksi');
    page = edit(page, ($) => {
      rowOf($, 'Puheesta tekstiksi')
        .children('td')
        .eq(0)
        .text('Puheesta tekstiksi – puheentunnistus turvapaikkapuhutteluissa');
    });
    const report = await harvest();
    expect(report.counts).toMatchObject({ changed: 1, new: 0, removed: 0 });
    const after = await idOf('Puheesta tekstiksi – puheentunnistus turvapaikkapuhutteluissa');
    expect(after).toBe(before);
    expect((await state.loadVersions(after)).at(-1)!.fields).toEqual([
      {
        field: 'name',
        old: 'Puheesta tekstiksi',
        new: 'Puheesta tekstiksi – puheentunnistus turvapaikkapuhutteluissa',
      },
    ]);
  });

  it('a removed project stays in the dataset as removed; when it returns it is reinstated with its history', async () => {
    const withIntegration = page;
    const id = await idOf('Integration 2022');
    page = edit(withIntegration, ($) => rowOf($, 'Integration 2022').remove());
    const removed = await harvest();
    expect(removed.counts).toMatchObject({ removed: 1, total: 48 });
    const record = (await published()).projects.find((p: { id: string }) => p.id === id);
    expect(record).toMatchObject({ status: 'removed', removedAt: '2026-01-05T04:00:00Z', version: 2 });

    page = withIntegration;
    const back = await harvest();
    expect(back.counts).toMatchObject({ reinstated: 1, removed: 0, new: 0 });
    expect((await state.loadVersions(id)).map((v) => v.kind)).toEqual(['new', 'removed', 'reinstated']);
    expect((await published()).projects.find((p: { id: string }) => p.id === id)).toMatchObject({
      status: 'listed',
      removedAt: null,
      version: 3,
      firstSeenAt: '2026-01-01T04:00:00Z',
    });
  });

  it('a page with a column missing is refused: exit 3, the files untouched', async () => {
    const before = await readFile(join(outDir, 'v1/projects.json'));
    const good = page;
    page = edit(good, ($) => $('table tr').each((_, tr) => void $(tr).children().eq(2).remove()));
    const report = await harvest();
    expect(report.status).toBe('failed');
    expect(report.sources[0]).toMatchObject({ status: 'refused' });
    expect(report.sources[0]!.warnings[0]).toContain('expected the columns "Erityistavoite"');
    expect(report.counts).toMatchObject({ changed: 0, removed: 0, new: 0 });
    expect((await readFile(join(outDir, 'v1/projects.json'))).equals(before)).toBe(true);
    page = good;
  });

  it('a page with most rows gone is refused as a collapse, naming both counts', async () => {
    const before = await readFile(join(outDir, 'v1/projects.json'));
    const good = page;
    page = edit(good, ($) => $('tbody tr').slice(10).remove());
    const report = await harvest();
    expect(report.sources[0]).toMatchObject({ status: 'refused', records: 10 });
    expect(report.sources[0]!.warnings[0]).toBe(
      'eusa-amif-2021: 38 of its 48 projects would disappear at once (the page now lists 10); more than 20 % gone looks like a broken page, so the removals were refused and the previous records kept',
    );
    expect(report.counts).toMatchObject({ removed: 0, changed: 0 });
    expect((await readFile(join(outDir, 'v1/projects.json'))).equals(before)).toBe(true);
    page = good;
  });

  it('running the same pages again changes nothing, whatever the date', async () => {
    const report = await harvest();
    expect(report.status).toBe('unchanged');
    expect(report.published).toEqual(['v1/status.json']);
  });

  it('two runs at once: the second is refused by the lease and changes nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const started = new Promise<void>((r) => (entered = r));
    const slow = harvest(
      pageFetcher(async () => {
        entered();
        await gate;
        return page;
      }),
    );
    await started;
    await expect(harvest(undefined, true)).rejects.toThrow(LeaseHeldError);
    await expect(harvest(undefined, true)).rejects.toThrow(
      /another run \(run-20260110T040000Z\/[0-9a-f-]{36}\) is active until/,
    );
    release();
    expect((await slow).status).toBe('unchanged');
    expect((await harvest()).status).toBe('unchanged');
  });
});
