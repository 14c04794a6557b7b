import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirectoryObjectStore } from '../../functions/adapters/dir-objects';
import type { DynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { RunReport } from '../../functions/core/model/run-report';
import { runPipeline } from '../../functions/core/pipeline';
import type { AwardNotice, StateStore } from '../../functions/core/ports';
import { OUTPUT_FORMAT_VERSION } from '../../functions/core/render/format-version';
import { eusaAmif2014So1 } from '../../functions/core/sources/eusa-amif-2014';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { eusaAmifFund } from '../../functions/core/sources/eusa-amif-fund';
import type { SourceModule } from '../../functions/core/sources/source-module';
import { expectLatestFilesRenderCommittedState } from '../helpers/committed-render';
import { pagesFetcher, quietLogger } from '../helpers/doubles';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';

const quiet = quietLogger;
const config = feedConfigSchema.parse({ publicBaseUrl: 'https://feed.example' });
const SEEDS = new URL('../../seeds/pages/', import.meta.url);

describe('Pipeline: what makes a run publish again', () => {
  let dynamo: TestDynamo;
  let state: DynamoDbStateStore;
  let outDir: string;
  let pages: Map<string, string>;
  let day: number;
  let notices: AwardNotice[];

  const fetcher = pagesFetcher(() => pages);
  const harvest = (sources: SourceModule[], stateStore: StateStore = state): Promise<RunReport> =>
    runPipeline({
      sources,
      fetcher,
      state: stateStore,
      store: createDirectoryObjectStore(outDir),
      notifier: { notify: async (n) => void notices.push(n) },
      logger: quiet,
      now: new Date(Date.UTC(2026, 0, ++day, 4)),
      config,
    });
  const load = async (id: string) => pages.set(id, await readFile(new URL(`${id}.html`, SEEDS), 'utf8'));

  beforeEach(async () => {
    dynamo = await startTestDynamo();
    ({ store: state } = await dynamo.newStore());
    outDir = await mkdtemp(join(tmpdir(), 'amif-republish-'));
    pages = new Map();
    day = 0;
    notices = [];
    await Promise.all(['eusa-amif-2021', 'eusa-amif-2014-so1', 'eusa-amif-fund'].map(load));
  });
  afterEach(async () => {
    await dynamo.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes every file again when the feed was written by an older output format', async () => {
    const first = await harvest([eusaAmif2021]);
    const projectFiles = first.published.filter((k) => k.startsWith('v1/projects/'));
    expect(projectFiles.length).toBe(47);
    const status = JSON.parse(await readFile(join(outDir, 'v1/status.json'), 'utf8'));
    expect(status.formatVersion).toBe(OUTPUT_FORMAT_VERSION);
    expect((await state.loadPublication())?.formatVersion).toBe(OUTPUT_FORMAT_VERSION);
    // The state, not the published status.json, says which format the files were written in.
    const olderFormat: StateStore = {
      ...state,
      loadPublication: async () => {
        const publication = await state.loadPublication();
        return publication && { ...publication, formatVersion: OUTPUT_FORMAT_VERSION - 1 };
      },
    };

    const again = await harvest([eusaAmif2021], olderFormat);
    expect(again.status).toBe('published');
    expect(again.counts.unchanged).toBe(47);
    expect(again.published.filter((k) => k.startsWith('v1/projects/'))).toEqual(projectFiles);
    expect(again.warnings).toContain(
      `the published files were written by an older output format (${OUTPUT_FORMAT_VERSION - 1}, now ${OUTPUT_FORMAT_VERSION}); every file was written again`,
    );
    expect((await harvest([eusaAmif2021])).status).toBe('unchanged');
  });

  it("status.json names the dataset-wide files and counts the per-project ones; the run's report lists them all", async () => {
    const first = await harvest([eusaAmif2021]);
    const status = JSON.parse(await readFile(join(outDir, 'v1/status.json'), 'utf8'));
    // Four files a project (its history JSON and its page in Finnish, Swedish and English) and five an
    // organisation (its page in three languages, its JSON and CSV), counted together as the detail files.
    const { projects } = JSON.parse(await readFile(join(outDir, 'v1/projects.json'), 'utf8')) as {
      projects: { beneficiary: { id: string } }[];
    };
    const organisations = new Set(projects.map((p) => p.beneficiary.id)).size;
    const perProject = first.published.filter((k) =>
      /(^|\/)(projects|organisations)\/[^/]+\.(json|html|csv)$/.test(k),
    );
    expect(perProject).toHaveLength(47 * 4 + organisations * 5);
    expect(status.run.publishedProjectFiles).toBe(47 * 4 + organisations * 5);
    expect(status.run.publishedFiles).toBe(first.published.length);
    // The per-subscriber feeds are counted too: 3 objectives, 1 programme and each beneficiary, twice.
    const feeds = first.published.filter((k) => k.startsWith('v1/feeds/'));
    expect(feeds.filter((k) => !k.includes('/beneficiary/'))).toEqual([
      'v1/feeds/objective/1.atom',
      'v1/feeds/objective/1.json',
      'v1/feeds/objective/2.atom',
      'v1/feeds/objective/2.json',
      'v1/feeds/objective/3.atom',
      'v1/feeds/objective/3.json',
      'v1/feeds/programme/amif-2021-2027.atom',
      'v1/feeds/programme/amif-2021-2027.json',
    ]);
    expect(status.run.publishedSubscriberFeeds).toBe(feeds.length);
    expect(status.run.published).toEqual(
      first.published.filter((k) => !perProject.includes(k) && !feeds.includes(k)),
    );
    expect(status.run.published).toContain('v1/projects.json');

    await harvest([eusaAmif2021]);
    const unchanged = JSON.parse(await readFile(join(outDir, 'v1/status.json'), 'utf8'));
    expect(unchanged.run).toMatchObject({
      published: ['v1/status.json'],
      publishedFiles: 1,
      publishedProjectFiles: 0,
      publishedSubscriberFeeds: 0,
    });
  });

  it('writes only the feeds a change concerns, and leaves the others as a fresh render of the state gives them', async () => {
    await harvest([eusaAmif2021]);
    const before = await readFile(join(outDir, 'v1/feeds/beneficiary/rauman-kaupunki.atom'));
    pages.set(
      'eusa-amif-2021',
      pages.get('eusa-amif-2021')!.replace('<td>1444708,32</td>', '<td>1500000,50</td>'),
    );
    const changed = await harvest([eusaAmif2021]);
    expect(changed.counts.changed).toBe(1);
    // ADERE: Maahanmuuttovirasto's project, objective 1 of 2021–2027.
    expect(changed.published.filter((k) => k.startsWith('v1/feeds/'))).toEqual([
      'v1/feeds/beneficiary/maahanmuuttovirasto.atom',
      'v1/feeds/beneficiary/maahanmuuttovirasto.json',
      'v1/feeds/objective/1.atom',
      'v1/feeds/objective/1.json',
      'v1/feeds/programme/amif-2021-2027.atom',
      'v1/feeds/programme/amif-2021-2027.json',
    ]);
    expect(await readFile(join(outDir, 'v1/feeds/beneficiary/rauman-kaupunki.atom'))).toEqual(before);
    const files = await expectLatestFilesRenderCommittedState(
      state,
      async (key) => readFile(join(outDir, key)).catch(() => null),
      { config, sources: [eusaAmif2021] },
    );
    expect(files).toBeGreaterThan(200);
  });

  it("a changed project rewrites its organisation's files and no other organisation's", async () => {
    const first = await harvest([eusaAmif2021]);
    const organisationKeys = (report: RunReport) =>
      report.published.filter((k) => k.includes('organisations/'));
    const { projects } = JSON.parse(await readFile(join(outDir, 'v1/projects.json'), 'utf8')) as {
      projects: { acronym: string | null; beneficiary: { id: string } }[];
    };
    const organisations = new Set(projects.map((p) => p.beneficiary.id));
    expect(organisationKeys(first)).toHaveLength(organisations.size * 5);
    const owner = projects.find((p) => p.acronym === 'ADERE')!.beneficiary.id;
    const before = await readFile(join(outDir, `v1/organisations/${owner}.json`), 'utf8');

    pages.set(
      'eusa-amif-2021',
      pages.get('eusa-amif-2021')!.replace('<td>1444708,32</td>', '<td>1500000,50</td>'),
    );
    const changed = await harvest([eusaAmif2021]);
    expect(changed.counts.changed).toBe(1);
    expect(organisationKeys(changed).sort()).toEqual(
      [
        `organisations/${owner}.html`,
        `sv/organisations/${owner}.html`,
        `en/organisations/${owner}.html`,
        `v1/organisations/${owner}.json`,
        `v1/organisations/${owner}.csv`,
      ].sort(),
    );
    const after = JSON.parse(await readFile(join(outDir, `v1/organisations/${owner}.json`), 'utf8'));
    const old = JSON.parse(before);
    expect(
      Math.round((after.organisation.total.euFundingEur - old.organisation.total.euFundingEur) * 100),
    ).toBe(150_000_050 - 144_470_832);
    expect(changed.published).toContain('v1/organisations.json');
  });

  it('treats the first reading of an added list source as the baseline, and later additions as news', async () => {
    await harvest([eusaAmif2021]);
    const added = await harvest([eusaAmif2021, eusaAmif2014So1]);
    expect(added.counts.new).toBe(5);
    expect(notices).toEqual([]);

    pages.set(
      'eusa-amif-2021',
      pages
        .get('eusa-amif-2021')!
        .replace(
          '<tbody>',
          '<tbody><tr><td>UUSI - Uusi testihanke</td><td>Maahanmuuttovirasto</td><td>1 Euroopan yhteinen turvapaikkajärjestelmä</td><td>Testi.</td><td>1000,00</td><td>1.1.2026</td><td>31.12.2026</td></tr>',
        ),
    );
    const news = await harvest([eusaAmif2021, eusaAmif2014So1]);
    expect(news.counts.new).toBe(1);
    expect(notices.map((n) => n.awards.map((a) => a.name))).toEqual([['UUSI - Uusi testihanke']]);
  });

  it('publishes again when only the fund page changed: reference.json follows it', async () => {
    await harvest([eusaAmif2021, eusaAmifFund]);
    const before = JSON.parse(await readFile(join(outDir, 'v1/reference.json'), 'utf8'));
    expect(JSON.stringify(before)).toContain('67900000');
    pages.set(
      'eusa-amif-fund',
      pages.get('eusa-amif-fund')!.replace('67,9 miljoonaa euroa', '70,1 miljoonaa euroa'),
    );
    const report = await harvest([eusaAmif2021, eusaAmifFund]);
    expect(report.status).toBe('published');
    expect(report.counts).toMatchObject({ new: 0, changed: 0 });
    const after = await readFile(join(outDir, 'v1/reference.json'), 'utf8');
    expect(after).toContain('70100000');
    expect(after).not.toContain('67900000');
  });
});
