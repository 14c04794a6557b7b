import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDirectoryObjectStore,
  listObjects,
  readObjectMeta,
} from '../../../functions/adapters/dir-objects';
import type { DynamoDbStateStore } from '../../../functions/adapters/dynamodb-state';
import { feedConfigSchema } from '../../../functions/core/feed-config';
import type { ProjectDraft } from '../../../functions/core/model/project';
import type { RunReport } from '../../../functions/core/model/run-report';
import {
  mergeSnapshots,
  SNAPSHOT_INDEX_KEY,
  type SnapshotEntry,
  type SnapshotIndex,
  snapshotId,
  snapshotVersion,
} from '../../../functions/core/model/snapshot';
import { runPipeline } from '../../../functions/core/pipeline';
import { jsonListSource, pageFetcher, quietLogger } from '../../helpers/doubles';
import { draft } from '../../helpers/drafts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite';

describe('snapshot ids, versions and the index schema', () => {
  it('turns the run start into a compact id and a SemVer version', () => {
    expect(snapshotId('2026-11-22T04:00:00Z')).toBe('2026-11-22T040000Z');
    expect(snapshotId('2026-11-22T04:00:00.000Z')).toBe('2026-11-22T040000Z');
    expect(() => snapshotId('2026-11-22 04:00')).toThrow(/not a UTC timestamp/);
    expect(snapshotVersion('2026-11-22T040000Z')).toBe('1.20261122.40000');
    expect(snapshotVersion('2027-01-01T000000Z')).toBe('1.20270101.0');
    expect(snapshotVersion('2027-01-01T235959Z')).toBe('1.20270101.235959');
  });

  const entry = (id: string, createdAt: string): SnapshotEntry => ({
    id,
    createdAt,
    version: snapshotVersion(id),
    records: 1,
    changes: { new: 1, changed: 0, removed: 0, reinstated: 0 },
    files: [
      { path: `v1/snapshots/${id}/projects.csv`, mediaType: 'text/csv', bytes: 3, sha256: 'a'.repeat(64) },
    ],
  });

  it('appends the new snapshot in time order, replacing one with the same id', () => {
    const a = entry('2026-11-22T040000Z', '2026-11-22T04:00:00Z');
    const b = entry('2026-11-29T040000Z', '2026-11-29T04:00:00Z');
    expect(mergeSnapshots([b], a).map((s) => s.id)).toEqual([a.id, b.id]);
    const again = { ...b, records: 2 };
    expect(mergeSnapshots([a, b], again)).toEqual([a, again]);
  });
});

const quiet = quietLogger;

const LIST = jsonListSource;

const OTHERS = ['Kielitaitoa', 'Osaava Suomi', 'Turvallinen paluu', 'Yhdessä'].map((name) => draft(name));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('snapshots over several runs of the pipeline', () => {
  let dynamo: TestDynamo;
  let state: DynamoDbStateStore;
  let out: string;
  let page: ProjectDraft[];
  const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' });
  const fetcher = pageFetcher(() => JSON.stringify(page));
  const run = (at: string): Promise<RunReport> =>
    runPipeline({
      sources: [LIST],
      fetcher,
      state,
      store: createDirectoryObjectStore(out),
      notifier: { notify: async () => {} },
      logger: quiet,
      now: new Date(at),
      config,
    });
  const read = (key: string) => readFile(join(out, ...key.split('/')));
  const index = async (): Promise<SnapshotIndex> =>
    JSON.parse((await read(SNAPSHOT_INDEX_KEY)).toString('utf8'));
  const snapshotDirs = async () =>
    [
      ...new Set(
        (await listObjects(out)).filter((k) => /^v1\/snapshots\/[^/]+\//.test(k)).map((k) => k.split('/')[2]),
      ),
    ]
      .filter((d) => d !== undefined)
      .sort();

  /** Every file the index lists is in the store with exactly that size and SHA-256. */
  const expectIndexMatchesStore = async () => {
    for (const s of (await index()).snapshots) {
      for (const f of s.files) {
        const bytes = await read(f.path);
        expect(bytes.byteLength, f.path).toBe(f.bytes);
        expect(sha256(bytes), f.path).toBe(f.sha256);
        expect(f.url).toBe(`https://amif.example.fi/${f.path}`);
      }
    }
  };

  beforeAll(async () => {
    dynamo = await startTestDynamo();
    ({ store: state } = await dynamo.newStore());
    out = await mkdtemp(join(tmpdir(), 'amif-snapshots-'));
    page = [draft('Kotona Suomessa'), draft('Puheesta tekstiksi', { euFundingEur: 250_000 }), ...OTHERS];
  });
  afterAll(async () => {
    await dynamo.close();
    await rm(out, { recursive: true, force: true });
  });

  let firstSnapshot: Map<string, Buffer>;

  it('the first publication writes snapshot 1 and an index listing it', async () => {
    const report = await run('2026-11-22T04:00:00Z');
    expect(report.status).toBe('published');
    expect(await snapshotDirs()).toEqual(['2026-11-22T040000Z']);
    const dir = 'v1/snapshots/2026-11-22T040000Z';
    expect(report.published).toEqual(
      expect.arrayContaining([
        `${dir}/projects.json`,
        `${dir}/projects.csv`,
        `${dir}/projects.excel.csv`,
        `${dir}/datapackage.json`,
        SNAPSHOT_INDEX_KEY,
      ]),
    );
    const idx = await index();
    expect(idx).toMatchObject({ schemaVersion: 1, latest: '2026-11-22T040000Z' });
    expect(idx.snapshots).toHaveLength(1);
    expect(idx.snapshots[0]).toMatchObject({
      id: '2026-11-22T040000Z',
      createdAt: '2026-11-22T04:00:00Z',
      version: '1.20261122.40000',
      records: 6,
      changes: { new: 6, changed: 0, removed: 0, reinstated: 0 },
    });
    expect(idx.snapshots[0]!.files.map((f) => f.path)).toEqual([
      `${dir}/projects.json`,
      `${dir}/projects.csv`,
      `${dir}/projects.excel.csv`,
      `${dir}/projects.xlsx`,
      `${dir}/changes.csv`,
      `${dir}/changes.jsonl`,
      `${dir}/datapackage.json`,
      `${dir}/catalog.ttl`,
    ]);
    await expectIndexMatchesStore();
    for (const name of [
      'projects.json',
      'projects.csv',
      'projects.excel.csv',
      'projects.xlsx',
      'changes.csv',
      'changes.jsonl',
    ]) {
      expect((await read(`${dir}/${name}`)).equals(await read(`v1/${name}`)), name).toBe(true);
      expect(await readObjectMeta(out, `${dir}/${name}`)).toMatchObject({
        cacheControl: 'public, max-age=31536000, immutable',
      });
    }
    expect(await readObjectMeta(out, SNAPSHOT_INDEX_KEY)).toEqual({
      contentType: 'application/json',
      cacheControl: 'public, max-age=300, must-revalidate',
    });
    firstSnapshot = new Map(
      await Promise.all(idx.snapshots[0]!.files.map(async (f) => [f.path, await read(f.path)] as const)),
    );
  });

  it('a run that changes nothing writes no snapshot and leaves the index as it was', async () => {
    const before = await read(SNAPSHOT_INDEX_KEY);
    const report = await run('2026-11-23T04:00:00Z');
    expect(report.status).toBe('unchanged');
    expect(report.published).toEqual(['v1/status.json']);
    expect(await snapshotDirs()).toEqual(['2026-11-22T040000Z']);
    expect((await read(SNAPSHOT_INDEX_KEY)).equals(before)).toBe(true);
  });

  it('a second changing run adds snapshot 2; snapshot 1 is untouched and every hash matches the stored bytes', async () => {
    page = [draft('Kotona Suomessa'), draft('Puheesta tekstiksi', { euFundingEur: 275_000.5 }), ...OTHERS];
    const report = await run('2026-11-29T04:00:00Z');
    expect(report.status).toBe('published');
    expect(report.counts).toMatchObject({ changed: 1, new: 0 });
    expect(await snapshotDirs()).toEqual(['2026-11-22T040000Z', '2026-11-29T040000Z']);
    const idx = await index();
    expect(idx.latest).toBe('2026-11-29T040000Z');
    expect(idx.snapshots.map((s) => [s.id, s.version, s.changes])).toEqual([
      ['2026-11-22T040000Z', '1.20261122.40000', { new: 6, changed: 0, removed: 0, reinstated: 0 }],
      ['2026-11-29T040000Z', '1.20261129.40000', { new: 0, changed: 1, removed: 0, reinstated: 0 }],
    ]);
    await expectIndexMatchesStore();
    for (const [path, bytes] of firstSnapshot) expect((await read(path)).equals(bytes), path).toBe(true);
    const csv = (await read('v1/snapshots/2026-11-29T040000Z/projects.csv')).toString('utf8');
    expect(csv).toContain('275000.50');
    expect((await read('v1/snapshots/2026-11-22T040000Z/projects.csv')).toString('utf8')).toContain(
      '250000.00',
    );
    const latestDp = JSON.parse((await read('v1/datapackage.json')).toString('utf8'));
    expect(latestDp.version).toBe('1.20261129.40000');
  });

  it('a removal is a change too, and counted in the snapshot', async () => {
    // One of six gone: below the collapse threshold, so a removal rather than a refused page.
    page = [draft('Kotona Suomessa'), ...OTHERS];
    const report = await run('2026-12-06T04:00:00Z');
    expect(report.counts.removed).toBe(1);
    const idx = await index();
    expect(idx.snapshots).toHaveLength(3);
    expect(idx.snapshots.at(-1)).toMatchObject({ records: 6, changes: { removed: 1 } });
    await expectIndexMatchesStore();
  });

  it('a published index damaged from outside is not read back: the next publishing run lists every snapshot from the state', async () => {
    await writeFile(join(out, 'v1', 'snapshots', 'index.json'), '{"schemaVersion": 1, "snapshots": "lost"}');
    // The state, not the bucket, says what is published: an unchanged page publishes nothing.
    const unchanged = await run('2026-12-07T04:00:00Z');
    expect(unchanged.status).toBe('unchanged');
    expect(unchanged.warnings).toEqual([]);

    page = [draft('Kotona Suomessa', { euFundingEur: 260_000 }), ...OTHERS];
    const changed = await run('2026-12-08T04:00:00Z');
    expect(changed.status).toBe('published');
    const idx = await index();
    expect(idx.snapshots.map((s) => s.id)).toEqual([
      '2026-11-22T040000Z',
      '2026-11-29T040000Z',
      '2026-12-06T040000Z',
      '2026-12-08T040000Z',
    ]);
    await expectIndexMatchesStore();
    for (const [path, bytes] of firstSnapshot) expect((await read(path)).equals(bytes), path).toBe(true);
  });
});
