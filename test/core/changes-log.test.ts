import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryObjectStore } from '../../functions/adapters/dir-objects';
import type { DynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { RunReport } from '../../functions/core/model/run-report';
import { runPipeline } from '../../functions/core/pipeline';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { expectLatestFilesRenderCommittedState } from '../helpers/committed-render';
import { pageFetcher, quietLogger, readCsv } from '../helpers/doubles';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { checkTable } from '../helpers/table-schema-check';
import { dataPackageErrors } from '../validators/frictionless';

const config = feedConfigSchema.parse({ publicBaseUrl: 'https://feed.example' });
const at = (day: number) => `2026-01-0${day}T04:00:00Z`;
const snapshot = (day: number) => `v1/snapshots/2026-01-0${day}T040000Z`;

/** The real 2021–2027 snapshot page with one cell edited, as the ministry's CMS might. */
function edit(html: string, change: ($: cheerio.CheerioAPI) => void): string {
  const $ = cheerio.load(html);
  change($);
  return $.html();
}
const rowOf = ($: cheerio.CheerioAPI, name: string) =>
  $('tbody tr').filter((_, tr) => $(tr).children('td').first().text().trim() === name);

describe('v1/changes.csv and v1/changes.jsonl: the whole history, one row per changed field', () => {
  let dynamo: TestDynamo;
  let state: DynamoDbStateStore;
  let out: string;
  let seed: string;
  let page: string;
  const harvest = (day: number): Promise<RunReport> =>
    runPipeline({
      sources: [eusaAmif2021],
      fetcher: pageFetcher(() => page),
      state,
      store: createDirectoryObjectStore(out),
      notifier: { notify: async () => {} },
      logger: quietLogger,
      now: new Date(at(day)),
      config,
    });
  const read = (key: string) => readFile(join(out, key));
  const csvRows = async (key = 'v1/changes.csv') => readCsv((await read(key)).toString('utf8'), ',');
  const idOf = async (name: string) => (await state.loadCurrent()).find((r) => r.name === name)!.id;

  beforeAll(async () => {
    dynamo = await startTestDynamo();
    ({ store: state } = await dynamo.newStore());
    out = await mkdtemp(join(tmpdir(), 'amif-changes-'));
    seed = await readFile(new URL('../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');
    page = seed;
    expect((await harvest(1)).counts.new).toBe(47);
    // Day 2: Puheesta tekstiksi's amount (85333,5) and end date (30.4.2024) change; IPA leaves the list.
    page = edit(seed, ($) => {
      const row = rowOf($, 'Puheesta tekstiksi').children('td');
      row.eq(4).text('90 000,00');
      row.eq(6).text('31.12.2024');
      rowOf($, 'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen').remove();
    });
    expect((await harvest(2)).counts).toMatchObject({ changed: 1, removed: 1, new: 0 });
  }, 120_000);
  afterAll(async () => {
    await dynamo.close();
    await rm(out, { recursive: true, force: true });
  });

  it('after a changed run holds exactly the changed fields with their old and new values', async () => {
    const [header, ...rows] = await csvRows();
    expect(header).toEqual(['project_id', 'version', 'at', 'kind', 'field', 'old', 'new', 'source']);
    const puhe = await idOf('Puheesta tekstiksi');
    const ipa = await idOf('IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen');
    const expected = [
      [puhe, '2', at(2), 'changed', 'euFundingEur', '85333.5', '90000', 'eusa-amif-2021'],
      [puhe, '2', at(2), 'changed', 'endDate', '2024-04-30', '2024-12-31', 'eusa-amif-2021'],
      [ipa, '2', at(2), 'removed', 'status', 'listed', 'removed', 'eusa-amif-2021'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    expect(rows.filter((r) => r[2] === at(2))).toEqual(expected);
    // The baseline: every project new at day 1, one row per field it states, nothing before it.
    const first = rows.filter((r) => r[2] === at(1));
    expect(first.length + expected.length).toBe(rows.length);
    expect(new Set(first.map((r) => r[0])).size).toBe(47);
    expect(first.every((r) => r[1] === '1' && r[3] === 'new' && r[5] === '')).toBe(true);
    expect(first.filter((r) => r[0] === puhe).map((r) => [r[4], r[6]])).toEqual(
      expect.arrayContaining([
        ['name', 'Puheesta tekstiksi'],
        ['euFundingEur', '85333.5'],
        ['startDate', '2023-11-01'],
        ['endDate', '2024-04-30'],
        ['status', 'listed'],
      ]),
    );
  });

  it('changes.jsonl has the same rows with typed values', async () => {
    const lines = (await read('v1/changes.jsonl')).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength((await csvRows()).length - 1);
    const last = lines.slice(-3).map((l) => JSON.parse(l));
    const amount = last.find((r) => r.field === 'euFundingEur');
    expect(Object.keys(amount)).toEqual([
      'project_id',
      'version',
      'at',
      'kind',
      'field',
      'old',
      'new',
      'source',
    ]);
    expect([amount.old, amount.new, amount.version]).toEqual([85333.5, 90000, 2]);
  });

  it('validates against its Table Schema in datapackage.json, which passes the Frictionless schemas', async () => {
    const dp = JSON.parse((await read('v1/datapackage.json')).toString('utf8'));
    expect(dataPackageErrors(dp)).toEqual([]);
    const resource = dp.resources.find((r: { name: string }) => r.name === 'changes');
    expect(resource).toMatchObject({
      path: 'changes.csv',
      schema: { primaryKey: ['project_id', 'version', 'field'] },
    });
    expect(checkTable(resource, await read('v1/changes.csv'), false)).toEqual([]);
    expect(dp.resources.map((r: { name: string }) => r.name)).toContain('changes-jsonl');
  });

  it('is in each snapshot, and each snapshot extends the one before it byte for byte', async () => {
    const latest = await read('v1/changes.csv');
    expect((await read(`${snapshot(2)}/changes.csv`)).equals(latest)).toBe(true);
    const before = await read(`${snapshot(1)}/changes.csv`);
    expect(before.length).toBeLessThan(latest.length);
    expect(latest.subarray(0, before.length).equals(before)).toBe(true);
    const snapDp = JSON.parse((await read(`${snapshot(2)}/datapackage.json`)).toString('utf8'));
    expect(snapDp.resources.map((r: { path: string }) => r.path)).toEqual(
      expect.arrayContaining(['changes.csv', 'changes.jsonl']),
    );
  });

  it('has its own distribution in the DCAT catalogue', async () => {
    const ttl = (await read('v1/catalog.ttl')).toString('utf8');
    expect(ttl).toContain('<https://feed.example/v1/changes.csv>');
  });

  it('is what a rebuild from the stored versions alone renders (appending never drifts)', async () => {
    await expectLatestFilesRenderCommittedState(state, async (key) => read(key).catch(() => null), {
      config,
      sources: [eusaAmif2021],
    });
  });

  it('does not grow with runs that change nothing', async () => {
    const before = await read('v1/changes.csv');
    expect((await harvest(3)).status).toBe('unchanged');
    expect((await read('v1/changes.csv')).equals(before)).toBe(true);
  });

  it('is rebuilt from the stored versions, the same bytes, when the previous snapshot lost its copy', async () => {
    const before = await read('v1/changes.csv');
    await unlink(join(out, `${snapshot(2)}/changes.csv`));
    page = edit(seed, ($) => {
      rowOf($, 'Puheesta tekstiksi').children('td').eq(4).text('91 000,00');
    });
    const report = await harvest(4);
    expect(
      report.warnings.some((w) => w.startsWith('the change history was rebuilt from the stored versions')),
    ).toBe(true);
    const after = await read('v1/changes.csv');
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const added = readCsv(after.subarray(before.length).toString('utf8'), ',');
    const puhe = await idOf('Puheesta tekstiksi');
    const ipa = await idOf('IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen');
    expect(added).toEqual(
      [
        [puhe, '3', at(4), 'changed', 'euFundingEur', '90000', '91000', 'eusa-amif-2021'],
        [puhe, '3', at(4), 'changed', 'endDate', '2024-12-31', '2024-04-30', 'eusa-amif-2021'],
        [ipa, '3', at(4), 'reinstated', 'status', 'removed', 'listed', 'eusa-amif-2021'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)),
    );
  });
});
