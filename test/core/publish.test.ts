import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryObjectStore, listObjects } from '../../functions/adapters/dir-objects';
import { PublishError } from '../../functions/core/errors';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { ProjectDraft } from '../../functions/core/model/project';
import type { RunReport } from '../../functions/core/model/run-report';
import { runPipeline } from '../../functions/core/pipeline';
import type { ObjectStore, ObjectToWrite, StateStore } from '../../functions/core/ports';
import { checkPublishedState, publishFiles } from '../../functions/core/publish';
import {
  CACHE_IMMUTABLE,
  CACHE_LATEST,
  type OutputFile,
  type PublishStage,
} from '../../functions/core/render/output-file';
import { SNAPSHOT_INDEX_KEY, type SnapshotIndex } from '../../functions/core/render/snapshots';
import { jsonListSource, pageFetcher, quietLogger } from '../helpers/doubles';
import { draft } from '../helpers/drafts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';

/** An in-memory object store that records every write, and fails the writes `fail` picks. */
function memoryStore(fail: (key: string) => boolean = () => false) {
  const objects = new Map<string, ObjectToWrite>();
  const puts: string[] = [];
  const store: ObjectStore = {
    async put(object) {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      if (fail(object.key)) throw new Error(`injected failure writing ${object.key}`);
      puts.push(object.key);
      objects.set(object.key, object);
    },
    async get(key) {
      const o = objects.get(key);
      if (!o) return null;
      return typeof o.body === 'string' ? new TextEncoder().encode(o.body) : o.body;
    },
    async exists(key) {
      return objects.has(key);
    },
  };
  return { store, objects, puts };
}

const file = (key: string, stage: PublishStage, body = key): OutputFile => ({
  key,
  body,
  contentType: 'application/json',
  cacheControl: stage === 'immutable' ? CACHE_IMMUTABLE : CACHE_LATEST,
  stage,
});

const FILES: OutputFile[] = [
  file('v1/catalog.ttl', 'index'),
  file('v1/projects.json', 'latest'),
  file('v1/snapshots/s1/projects.json', 'immutable'),
  file('v1/projects/a.json', 'detail'),
  file('v1/status.json', 'index'),
  file('v1/projects.csv', 'latest'),
  file('v1/snapshots/s1/projects.csv', 'immutable'),
  file('v1/projects/b.json', 'detail'),
  ...Array.from({ length: 20 }, (_, i) => file(`v1/projects/p${i}.json`, 'detail')),
];
const ORDER: PublishStage[] = ['immutable', 'detail', 'latest', 'index'];
const stageOf = (key: string) => FILES.find((f) => f.key === key)!.stage;

describe('publishFiles: staged, immutable objects never rewritten, the first failure stops the run', () => {
  it('writes every stage only after the one before it has finished', async () => {
    const { store, puts, objects } = memoryStore();
    const result = await publishFiles(store, FILES, 4);
    expect(result.written).toEqual(FILES.map((f) => f.key).sort());
    const ranks = puts.map((k) => ORDER.indexOf(stageOf(k)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(objects.get('v1/snapshots/s1/projects.json')).toMatchObject({ cacheControl: CACHE_IMMUTABLE });
  });

  it('skips an immutable object that already exists and rewrites everything else', async () => {
    const { store, puts } = memoryStore();
    await store.put({
      key: 'v1/snapshots/s1/projects.json',
      body: 'old',
      contentType: 'x',
      cacheControl: 'y',
    });
    puts.length = 0;
    const result = await publishFiles(store, FILES);
    expect(result.skipped).toEqual(['v1/snapshots/s1/projects.json']);
    expect(puts).not.toContain('v1/snapshots/s1/projects.json');
    expect(new TextDecoder().decode((await store.get('v1/snapshots/s1/projects.json'))!)).toBe('old');
    expect(puts).toContain('v1/projects.json');
  });

  for (const failing of ORDER) {
    it(`a failure in the ${failing} stage writes nothing of a later stage and names the key`, async () => {
      const victim = FILES.find((f) => f.stage === failing)!.key;
      const { store, puts } = memoryStore((k) => k === victim);
      const error = await publishFiles(store, FILES, 4).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).key).toBe(victim);
      expect((error as Error).cause).toBeInstanceOf(Error);
      const rank = ORDER.indexOf(failing);
      for (const f of FILES) {
        const r = ORDER.indexOf(f.stage);
        if (r < rank) expect(puts, f.key).toContain(f.key);
        if (r > rank) expect(puts, f.key).not.toContain(f.key);
      }
      expect(puts).not.toContain(victim);
    });
  }
});

describe('checkPublishedState: are the latest files the newest snapshot?', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const put = (store: ObjectStore, key: string, body: string) =>
    store.put({ key, body, contentType: 'application/json', cacheControl: CACHE_LATEST });
  const index = (files: Record<string, string>): string =>
    JSON.stringify({
      schemaVersion: 1,
      dataset: 'https://x.example/id/dataset/d',
      latest: '2026-11-22T040000Z',
      snapshots: [
        {
          id: '2026-11-22T040000Z',
          createdAt: '2026-11-22T04:00:00Z',
          version: '1.20261122.40000',
          records: 1,
          changes: { new: 1, changed: 0, removed: 0, reinstated: 0 },
          files: Object.entries(files).map(([name, body]) => ({
            path: `v1/snapshots/2026-11-22T040000Z/${name}`,
            mediaType: 'text/plain',
            bytes: bytes(body).byteLength,
            sha256: sha(body),
          })),
        },
      ],
    } satisfies SnapshotIndex);

  it('is empty before anything is published, and incomplete without an index', async () => {
    const { store } = memoryStore();
    expect(await checkPublishedState(store)).toMatchObject({ complete: false, empty: true });
    await put(store, 'v1/projects.json', '{}');
    expect(await checkPublishedState(store)).toEqual({
      complete: false,
      empty: false,
      reason: `${SNAPSHOT_INDEX_KEY} is missing`,
    });
    await put(store, SNAPSHOT_INDEX_KEY, 'not json');
    expect((await checkPublishedState(store)).reason).toMatch(/not JSON/);
    await put(store, SNAPSHOT_INDEX_KEY, '{"schemaVersion":1}');
    expect((await checkPublishedState(store)).reason).toMatch(/not a valid snapshot index/);
  });

  it('is complete only when every latest copy matches the newest snapshot byte for byte', async () => {
    const { store } = memoryStore();
    await put(store, 'v1/projects.json', '{"a":1}');
    await put(store, 'v1/projects.csv', 'a\r\n1\r\n');
    await put(store, SNAPSHOT_INDEX_KEY, index({ 'projects.json': '{"a":1}', 'projects.csv': 'a\r\n1\r\n' }));
    expect(await checkPublishedState(store)).toEqual({ complete: true, empty: false, reason: null });
    await put(store, 'v1/projects.csv', 'a\r\n2\r\n');
    expect(await checkPublishedState(store)).toMatchObject({
      complete: false,
      reason: expect.stringMatching(/v1\/projects\.csv is not the newest snapshot's/),
    });
    await put(store, SNAPSHOT_INDEX_KEY, index({ 'projects.excel.csv': 'x', 'datapackage.json': '{}' }));
    expect((await checkPublishedState(store)).reason).toBe('v1/projects.excel.csv is missing');
  });
});

// --- the pipeline when a publish fails part-way -----------------------------------------------------

const quiet = quietLogger;
const LIST = jsonListSource;
const NAMES = ['Kotona Suomessa', 'Kielitaitoa', 'Osaava Suomi', 'Turvallinen paluu', 'Yhdessä'];
const pageWith = (amount: number): ProjectDraft[] =>
  NAMES.map((name, i) => draft(name, i === 0 ? { euFundingEur: amount } : {}));

describe('a publish that fails part-way leaves the previous state readable and the next run completes it', () => {
  let dynamo: TestDynamo;
  beforeAll(async () => {
    dynamo = await startTestDynamo();
  });
  afterAll(() => dynamo.close());

  async function setup() {
    const { store: state } = await dynamo.newStore();
    const out = await mkdtemp(join(tmpdir(), 'amif-publish-'));
    const dir = createDirectoryObjectStore(out);
    let page = pageWith(100_000);
    let fail: (key: string) => boolean = () => false;
    const attempted: string[] = [];
    const store: ObjectStore = {
      put: async (o) => {
        attempted.push(o.key);
        if (fail(o.key)) throw new Error(`injected: ${o.key}`);
        return dir.put(o);
      },
      get: (k) => dir.get(k),
      exists: (k) => dir.exists(k),
    };
    const fetcher = pageFetcher(() => JSON.stringify(page));
    const run = (at: string): Promise<RunReport> =>
      runPipeline({
        sources: [LIST],
        fetcher,
        state,
        store,
        notifier: { notify: async () => {} },
        logger: quiet,
        now: new Date(at),
        config: feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' }),
      });
    const text = async (key: string) => (await readFile(join(out, ...key.split('/')))).toString('utf8');
    const index = async (): Promise<SnapshotIndex> => JSON.parse(await text(SNAPSHOT_INDEX_KEY));
    const amountOf = async (state: StateStore) =>
      (await state.loadCurrent()).find((r) => r.name === NAMES[0])!.euFundingEur;
    return {
      state,
      out,
      store,
      run,
      text,
      index,
      attempted,
      amount: () => amountOf(state),
      setPage: (p: ProjectDraft[]) => {
        page = p;
      },
      failWhen: (f: (key: string) => boolean) => {
        fail = f;
      },
      cleanup: () => rm(out, { recursive: true, force: true }),
    };
  }

  it('the snapshot index is the very last write of a run', async () => {
    const t = await setup();
    await t.run('2026-11-20T04:00:00Z');
    expect(t.attempted.at(-1)).toBe(SNAPSHOT_INDEX_KEY);
    expect(t.attempted.indexOf('v1/catalog.ttl')).toBeGreaterThan(t.attempted.indexOf('v1/projects.csv'));
    expect(t.attempted.indexOf('v1/datapackage.json')).toBeGreaterThan(
      t.attempted.indexOf('v1/projects.excel.csv'),
    );
    await t.cleanup();
  });

  it('a failure in the index stage after the latest files were written: nothing committed; the next run redoes the change', async () => {
    const t = await setup();
    await t.run('2026-11-20T04:00:00Z');
    const before = await t.index();

    t.setPage(pageWith(123_456.78));
    t.failWhen((k) => k === 'v1/catalog.ttl');
    await expect(t.run('2026-11-21T04:00:00Z')).rejects.toBeInstanceOf(PublishError);
    // The state was not committed: it still holds the old amount.
    expect(await t.amount()).toBe(100_000);
    // The latest files got ahead of the state, but the index (written last) did not move...
    expect(await t.text('v1/projects.csv')).toContain('123456.78');
    expect(await t.index()).toEqual(before);
    // ...so the published state reads as incomplete.
    expect((await checkPublishedState(t.store)).complete).toBe(false);

    t.failWhen(() => false);
    const report = await t.run('2026-11-22T04:00:00Z');
    expect(report).toMatchObject({ status: 'published', counts: { changed: 1 } });
    expect(await t.amount()).toBe(123_456.78);
    const after = await t.index();
    // The failed run's snapshot stays in the store, unlisted; the index goes from the first to this one.
    expect(after.snapshots.map((s) => s.id)).toEqual(['2026-11-20T040000Z', '2026-11-22T040000Z']);
    expect((await listObjects(t.out)).some((k) => k.startsWith('v1/snapshots/2026-11-21T040000Z/'))).toBe(
      true,
    );
    expect(await checkPublishedState(t.store)).toMatchObject({ complete: true });
    const catalog = await t.text('v1/catalog.ttl');
    expect(catalog).toContain('"2026-11-22T04:00:00Z"^^xsd:dateTime');
    expect(catalog).not.toContain('2026-11-21T040000Z');
    await t.cleanup();
  });

  it('and when the pages went back in the meantime, the next run republishes the committed state', async () => {
    const t = await setup();
    await t.run('2026-11-20T04:00:00Z');
    const committedCsv = await t.text('v1/projects.csv');

    t.setPage(pageWith(999_999));
    t.failWhen((k) => k === SNAPSHOT_INDEX_KEY);
    await expect(t.run('2026-11-21T04:00:00Z')).rejects.toThrow(/could not write v1\/snapshots\/index\.json/);
    expect(await t.text('v1/projects.csv')).toContain('999999.00');

    t.failWhen(() => false);
    t.setPage(pageWith(100_000));
    const report = await t.run('2026-11-22T04:00:00Z');
    expect(report.status).toBe('published');
    expect(report.counts).toMatchObject({ new: 0, changed: 0, removed: 0 });
    expect(report.warnings.join('\n')).toMatch(/incomplete .*published again/);
    // Back to what the state says (only the generation time differs).
    expect((await t.text('v1/projects.csv')).replace(/2026-11-2\dT04:00:00Z/g, '')).toBe(
      committedCsv.replace(/2026-11-2\dT04:00:00Z/g, ''),
    );
    expect(await t.amount()).toBe(100_000);
    expect(await checkPublishedState(t.store)).toMatchObject({ complete: true });
    expect((await t.run('2026-11-23T04:00:00Z')).status).toBe('unchanged');
    await t.cleanup();
  });

  it('a failure in the immutable stage writes no latest or index file at all', async () => {
    const t = await setup();
    await t.run('2026-11-20T04:00:00Z');
    const latest = [
      'v1/projects.json',
      'v1/projects.csv',
      'v1/datapackage.json',
      'v1/catalog.ttl',
      'v1/status.json',
    ];
    const before = await Promise.all(latest.map((k) => t.text(k)));
    t.setPage(pageWith(5));
    t.attempted.length = 0;
    t.failWhen((k) => k.startsWith('v1/snapshots/2026-11-21T040000Z/projects.csv'));
    await expect(t.run('2026-11-21T04:00:00Z')).rejects.toBeInstanceOf(PublishError);
    expect(t.attempted.filter((k) => !k.startsWith('v1/snapshots/2026-11-21T040000Z/'))).toEqual([]);
    expect(await Promise.all(latest.map((k) => t.text(k)))).toEqual(before);
    expect(await t.amount()).toBe(100_000);
    expect(await checkPublishedState(t.store)).toMatchObject({ complete: true });
    await t.cleanup();
  });

  it('a corrupted latest file is repaired by the next run even when nothing changed', async () => {
    const t = await setup();
    await t.run('2026-11-20T04:00:00Z');
    await writeFile(join(t.out, 'v1', 'projects.csv'), 'truncated');
    const report = await t.run('2026-11-21T04:00:00Z');
    expect(report.status).toBe('published');
    expect(await t.text('v1/projects.csv')).toMatch(/^id,programme,/);
    expect(await checkPublishedState(t.store)).toMatchObject({ complete: true });
    await t.cleanup();
  });
});
