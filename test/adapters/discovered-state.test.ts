import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnapshotFetcher } from '../../functions/adapters/snapshot-fetch';
import type { DiscoveredRelease } from '../../functions/core/model/discovered-release';
import type { RunReport } from '../../functions/core/model/run-report';
import { rawItems, startTestDynamo, type TestDynamo } from '../helpers/dynalite';

const SV =
  'https://intermin.fi/sv/-/nastan-6-miljoner-euro-beviljas-ur-amif-fonden-for-asyl-och-migrationsfragor';
const FI =
  'https://intermin.fi/-/amif-rahastosta-lahes-6-miljoonaa-euroa-avustusta-turvapaikka-ja-maahanmuuttoasioihin';

const release = (
  sourceId: string,
  url: string,
  lang: 'fi' | 'sv',
  firstSeenAt: string,
  versionOf: string | null,
) =>
  ({
    sourceId,
    url,
    lang,
    title: 'Nästan 6 miljoner euro beviljas ur AMIF-fonden för asyl- och migrationsfrågor',
    date: '2022-12-14',
    organisation: 'intermin',
    listingId: 'vn-press-en',
    firstSeenAt,
    versionOf,
  }) satisfies DiscoveredRelease;

const run = (runId: string, startedAt: string): RunReport => ({
  runId,
  startedAt,
  status: 'unchanged',
  counts: { total: 0, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: 0 },
  sources: [],
  warnings: [],
  published: ['v1/status.json'],
});

describe('Adapter: discovered releases in the DynamoDB state', () => {
  let dynamo: TestDynamo;
  beforeAll(async () => {
    dynamo = await startTestDynamo();
  });
  afterAll(() => dynamo.close());

  it('keeps each release under DISCOVERED/<source id> and loads them first seen first, across commits', async () => {
    const { store, tableName } = await dynamo.newStore();
    expect(await store.loadDiscovered()).toEqual([]);
    const sv = release(
      'intermin-press-sv-1a2b3c4d5e',
      SV,
      'sv',
      '2026-12-02T04:00:00Z',
      'intermin-press-fi-0f1e2d3c4b',
    );
    const fi = release('intermin-press-fi-0f1e2d3c4b', FI, 'fi', '2026-12-01T04:00:00Z', null);
    const commit = (r: RunReport, discovered: DiscoveredRelease[]) => ({
      records: [],
      versions: [],
      sourceStates: [],
      run: r,
      publication: null,
      snapshots: [],
      notice: null,
      discovered,
    });
    await store.acquireLease('h', 900);
    await store.commit(commit(run('run-2', '2026-12-02T04:00:00Z'), [sv]), 'h');
    await store.commit(commit(run('run-1', '2026-12-01T04:00:00Z'), [fi]), 'h');
    // A commit without discoveries leaves them as they are.
    await store.commit(commit(run('run-3', '2026-12-03T04:00:00Z'), []), 'h');
    await store.releaseLease('h');
    expect(await store.loadDiscovered()).toEqual([fi, sv]);
    const items = await rawItems(dynamo.client, tableName, 'DISCOVERED');
    expect(items.map((i) => i.sk).sort()).toEqual([
      'intermin-press-fi-0f1e2d3c4b',
      'intermin-press-sv-1a2b3c4d5e',
    ]);
  });
});

describe('Adapter: snapshot pages through DIR/index.json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amif-feed-index-'));
    await writeFile(join(dir, 'index.json'), JSON.stringify({ [SV]: 'release-sv.html' }));
    await writeFile(join(dir, 'release-sv.html'), '<h1>mapped</h1>');
    await writeFile(join(dir, 'by-id.html'), '<h1>by id</h1>');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a URL the index maps, else DIR/<id>.html, and skips (never fetches) a URL the directory does not have', async () => {
    const fetcher = createSnapshotFetcher(dir);
    const mapped = await fetcher.fetch({ id: 'whatever', url: SV }, null);
    expect(mapped).toMatchObject({ kind: 'page', page: { body: '<h1>mapped</h1>', url: SV } });
    const byId = await fetcher.fetch({ id: 'by-id', url: FI }, null);
    expect(byId).toMatchObject({ kind: 'page', page: { body: '<h1>by id</h1>' } });
    expect(await fetcher.fetch({ id: 'absent', url: FI }, null)).toEqual({
      kind: 'missing',
      reason: `no snapshot page at ${join(dir, 'absent.html')}`,
    });
  });

  it('refuses an index that points outside the directory', async () => {
    const other = await mkdtemp(join(tmpdir(), 'amif-feed-index-'));
    try {
      await writeFile(join(other, 'index.json'), JSON.stringify({ [SV]: '../secret.html' }));
      await expect(createSnapshotFetcher(other).fetch({ id: 'x', url: SV }, null)).rejects.toThrow(
        `"${SV}" maps to "../secret.html", which is not a file name of ${other}`,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
