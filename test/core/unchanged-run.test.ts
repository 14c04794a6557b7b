import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDirectoryObjectStore } from '../../functions/adapters/dir-objects';
import { createDynamoDbStateStore, type DynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { RunTimeError } from '../../functions/core/errors';
import { feedConfigSchema } from '../../functions/core/feed-config';
import { summariseRecords } from '../../functions/core/model/current-summary';
import type { RunReport } from '../../functions/core/model/run-report';
import { runPipeline } from '../../functions/core/pipeline';
import type { StateStore } from '../../functions/core/ports';
import { eusaAmif2014So1 } from '../../functions/core/sources/eusa-amif-2014';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { pagesFetcher, quietLogger } from '../helpers/doubles';
import { rawItems, startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { loadWholeSourceStates } from '../helpers/source-states';

/**
 * An unchanged page costs a hash (issue 12): a run in which no page changed writes v1/status.json
 * and nothing else, and reads neither the current records nor any stored output to do it; a run in
 * which one page changed still links the others' stored readings.
 */

const config = feedConfigSchema.parse({ publicBaseUrl: 'https://feed.example' });
const SEEDS = new URL('../../seeds/pages/', import.meta.url);
const SOURCES = [eusaAmif2021, eusaAmif2014So1];
const NEW_ROW =
  '<tbody><tr><td>UUSI - Uusi testihanke</td><td>Maahanmuuttovirasto</td><td>1 Euroopan yhteinen turvapaikkajärjestelmä</td><td>Testi.</td><td>1000,00</td><td>1.1.2026</td><td>31.12.2026</td></tr>';

type Command = Parameters<DynamoDBDocumentClient['send']>[0];

describe('An unchanged run', () => {
  let dynamo: TestDynamo;
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let state: DynamoDbStateStore;
  let outDir: string;
  let pages: Map<string, string>;
  /** Every partition a Query of the state read, in order. */
  let queried: string[];

  const fetcher = pagesFetcher(() => pages);
  const harvest = (day: number, stateStore: StateStore = state): Promise<RunReport> =>
    runPipeline({
      sources: SOURCES,
      fetcher,
      state: stateStore,
      store: createDirectoryObjectStore(outDir),
      notifier: { notify: async () => {} },
      logger: quietLogger,
      now: new Date(Date.UTC(2026, 0, day, 4)),
      config,
    });
  /** The store with every read method spied on, the commit included. */
  const spied = () => {
    const s = { ...state };
    return {
      store: s,
      loadCurrent: vi.spyOn(s, 'loadCurrent'),
      loadSourceOutput: vi.spyOn(s, 'loadSourceOutput'),
      commit: vi.spyOn(s, 'commit'),
    };
  };
  const status = async () => JSON.parse(await readFile(join(outDir, 'v1/status.json'), 'utf8'));
  /** Files under the output directory modified at or after `since` (ms). */
  const writtenSince = async (since: number) => {
    const files = await readdir(outDir, { recursive: true, withFileTypes: true });
    const written: string[] = [];
    for (const f of files) {
      if (!f.isFile()) continue;
      const path = join(f.parentPath, f.name);
      if ((await stat(path)).mtimeMs >= since) written.push(path.slice(outDir.length + 1));
    }
    return written.sort();
  };

  beforeAll(async () => {
    dynamo = await startTestDynamo();
  });
  afterAll(() => dynamo.close());
  beforeEach(async () => {
    doc = DynamoDBDocumentClient.from(dynamo.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    queried = [];
    const send = doc.send.bind(doc) as (c: Command) => Promise<unknown>;
    doc.send = (async (command: Command) => {
      if (command instanceof QueryCommand) {
        queried.push(String(command.input.ExpressionAttributeValues?.[':pk'] ?? command.input.IndexName));
      }
      return send(command);
    }) as DynamoDBDocumentClient['send'];
    tableName = `unchanged-${Math.random().toString(36).slice(2)}`;
    state = createDynamoDbStateStore({ client: doc, tableName, sleep: async () => {} });
    await state.ensureTable();
    outDir = await mkdtemp(join(tmpdir(), 'amif-unchanged-'));
    pages = new Map();
    for (const s of SOURCES) pages.set(s.id, await readFile(new URL(`${s.id}.html`, SEEDS), 'utf8'));
  });
  afterEach(() => rm(outDir, { recursive: true, force: true }));

  it('writes only v1/status.json, with the counts and lastChangedAt of the records, and loads neither them nor any output', async () => {
    const first = await harvest(1);
    expect(first.status).toBe('published');
    const { lastChangedAt } = summariseRecords(await state.loadCurrent());
    expect(lastChangedAt).toBe('2026-01-01T04:00:00Z');
    const before = await loadWholeSourceStates(state);

    const t = spied();
    queried = [];
    const since = Date.now();
    const report = await harvest(2, t.store);
    expect(report).toMatchObject({
      status: 'unchanged',
      counts: { total: 52, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: 52 },
      published: ['v1/status.json'],
    });
    expect(report.sources.map((s) => [s.id, s.status, s.records, s.pageUpdated])).toEqual(
      first.sources.map((s) => [s.id, 'ok', s.records, s.pageUpdated]),
    );
    expect(await writtenSince(since)).toEqual(['v1/status.json']);
    expect(await status()).toMatchObject({
      lastRunAt: '2026-01-02T04:00:00Z',
      lastChangedAt: '2026-01-01T04:00:00Z',
      run: { status: 'unchanged', counts: { total: 52, unchanged: 52 } },
    });
    expect((await status()).sources.map((s: { lastReadAt: string }) => s.lastReadAt)).toEqual([
      '2026-01-02T04:00:00Z',
      '2026-01-02T04:00:00Z',
    ]);

    // Neither the records nor a stored output was read: not through the port, not by the adapter.
    expect(t.loadCurrent).not.toHaveBeenCalled();
    expect(t.loadSourceOutput).not.toHaveBeenCalled();
    expect(queried.filter((pk) => pk === 'CURRENT' || pk.startsWith('SOURCE#'))).toEqual([]);
    // The sources' items are written again (read time), still pointing at their stored outputs.
    const [commit] = t.commit.mock.calls[0]!;
    expect(commit.sourceStates).toEqual([]);
    expect(commit.keptSourceStates?.map((s) => [s.id, s.fetchedAt])).toEqual([
      ['eusa-amif-2021', '2026-01-02T04:00:00Z'],
      ['eusa-amif-2014-so1', '2026-01-02T04:00:00Z'],
    ]);
    expect(await loadWholeSourceStates(state)).toEqual(
      before.map((s) => ({ ...s, fetchedAt: '2026-01-02T04:00:00Z' })),
    );
  });

  it("still links the stored reading of a source whose page did not change when another's did", async () => {
    await harvest(1);
    const so1Before = (await loadWholeSourceStates(state)).find((s) => s.id === eusaAmif2014So1.id)!;
    pages.set(eusaAmif2021.id, pages.get(eusaAmif2021.id)!.replace('<tbody>', NEW_ROW));

    const t = spied();
    const report = await harvest(2, t.store);
    expect(report).toMatchObject({
      status: 'published',
      counts: { total: 53, new: 1, changed: 0, removed: 0 },
    });
    expect(report.sources.find((s) => s.id === eusaAmif2014So1.id)).toMatchObject({
      status: 'ok',
      records: 5,
    });
    expect(t.loadSourceOutput.mock.calls.map(([s]) => s.id).sort()).toContain(eusaAmif2014So1.id);
    const records = await state.loadCurrent();
    // The 2014–2020 projects are still there, from the stored reading, and not removed.
    const so1 = records.filter((r) => r.sources.some((s) => s.id === eusaAmif2014So1.id));
    expect(so1).toHaveLength(5);
    expect(so1.every((r) => r.status !== 'removed')).toBe(true);
    const projects = JSON.parse(await readFile(join(outDir, 'v1/projects.json'), 'utf8')).projects;
    expect(projects).toHaveLength(53);
    // The reading kept is the one stored, not lost or rewritten.
    const so1After = (await loadWholeSourceStates(state)).find((s) => s.id === eusaAmif2014So1.id)!;
    expect(so1After).toEqual({ ...so1Before, fetchedAt: '2026-01-02T04:00:00Z' });

    // And the next unchanged run reports the new total and the change's time without loading them.
    const u = spied();
    const unchanged = await harvest(3, u.store);
    expect(unchanged).toMatchObject({ status: 'unchanged', counts: { total: 53, unchanged: 53 } });
    expect(await status()).toMatchObject({ lastChangedAt: '2026-01-02T04:00:00Z' });
    expect(u.loadCurrent).not.toHaveBeenCalled();
    expect(u.loadSourceOutput).not.toHaveBeenCalled();
  });

  it('works on a state written before the summaries were kept: the records and outputs are read once', async () => {
    await harvest(1);
    const raw = DynamoDBDocumentClient.from(dynamo.client);
    // As the previous version wrote it: no summary in the head, none in the source items.
    const head = (
      await raw.send(new GetCommand({ TableName: tableName, Key: { pk: 'HEAD', sk: 'harvest' } }))
    ).Item!;
    const { summary: _summary, ...oldHead } = head;
    await raw.send(new PutCommand({ TableName: tableName, Item: oldHead }));
    const sources = await rawItems(dynamo.client, tableName, 'SOURCE');
    for (const { outputRecords: _r, outputPageUpdated: _p, ...old } of sources) {
      await raw.send(new PutCommand({ TableName: tableName, Item: old }));
    }
    const before = await loadWholeSourceStates(createDynamoDbStateStore({ client: doc, tableName }));

    const t = spied();
    queried = [];
    const once = await harvest(2, t.store);
    expect(once).toMatchObject({ status: 'unchanged', counts: { total: 52, unchanged: 52 } });
    expect(await status()).toMatchObject({ lastChangedAt: '2026-01-01T04:00:00Z' });
    // The records were counted once (not again by the commit).
    expect(queried.filter((pk) => pk === 'CURRENT')).toHaveLength(1);
    expect(await loadWholeSourceStates(state)).toEqual(
      before.map((s) => ({ ...s, fetchedAt: '2026-01-02T04:00:00Z' })),
    );

    // That run wrote the summaries: the next one reads neither.
    const u = spied();
    queried = [];
    expect(await harvest(3, u.store)).toMatchObject({ status: 'unchanged', counts: { total: 52 } });
    expect(await status()).toMatchObject({ lastChangedAt: '2026-01-01T04:00:00Z' });
    expect(u.loadCurrent).not.toHaveBeenCalled();
    expect(queried.filter((pk) => pk === 'CURRENT' || pk.startsWith('SOURCE#'))).toEqual([]);
  });

  it('refuses a run dated before an earlier one (a clock set back) and changes nothing (issue 19)', async () => {
    await harvest(1);
    pages.set(eusaAmif2021.id, pages.get(eusaAmif2021.id)!.replace('<tbody>', NEW_ROW));
    await harvest(5);
    const before = summariseRecords(await state.loadCurrent());
    expect(before).toEqual({ total: 53, lastChangedAt: '2026-01-05T04:00:00Z' });
    pages.set(eusaAmif2021.id, pages.get(eusaAmif2021.id)!.replace(NEW_ROW, '<tbody>'));
    await expect(harvest(3)).rejects.toThrow(
      new RunTimeError('2026-01-03T04:00:00Z', 'run-20260105T040000Z', '2026-01-05T04:00:00Z'),
    );
    expect(summariseRecords(await state.loadCurrent())).toEqual(before);
    expect(await state.loadLastRun()).toEqual({
      runId: 'run-20260105T040000Z',
      startedAt: '2026-01-05T04:00:00Z',
    });
  });
});
