import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryObjectStore } from '../../functions/adapters/dir-objects';
import { createDynamoDbStateStore, type DynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { DEFAULTS } from '../../functions/core/defaults';
import { PublishError } from '../../functions/core/errors';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { ProjectDraft } from '../../functions/core/model/project';
import { runPipeline } from '../../functions/core/pipeline';
import type { AwardNotice, ObjectStore, StateStore } from '../../functions/core/ports';
import { expectLatestFilesRenderCommittedState } from '../helpers/committed-render';
import { jsonListSource, pageFetcher, quietLogger } from '../helpers/doubles';
import { draft } from '../helpers/drafts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';

/**
 * The publication protocol under faults in the state store (real dynalite behind a document
 * client that fails one chosen request) and in the directory store (a writer that fails one
 * key). After each failure the page goes back, then changes again; after every successful run the
 * published files are exactly a fresh render of the committed state.
 */

const LIST = jsonListSource;
const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' });
const NAMES = ['Kotona Suomessa', 'Kielitaitoa', 'Osaava Suomi', 'Turvallinen paluu', 'Yhdessä'];
const NEW_NAME = 'Uusi alku';
const PAGE_A = NAMES.map((n) => draft(n, { euFundingEur: 100_000 }));
const PAGE_B = [
  ...NAMES.map((n, i) => draft(n, { euFundingEur: i === 0 ? 123_456.78 : 100_000 })),
  draft(NEW_NAME, { euFundingEur: 250_000 }),
];

type Command = Parameters<DynamoDBDocumentClient['send']>[0];
const isHeadPut = (c: Command) => c instanceof PutCommand && c.input.Item?.pk === 'HEAD';
const batchPks = (c: Command) =>
  c instanceof BatchWriteCommand
    ? Object.values(c.input.RequestItems ?? {}).flatMap((rs) => rs.map((r) => String(r.PutRequest?.Item?.pk)))
    : [];

/** The steps of a run's commit and completion, each as the one request that carries it out. */
const STATE_STEPS: Record<string, (c: Command) => boolean> = {
  'journal write': (c) => batchPks(c).some((pk) => pk.startsWith('JOURNAL#')),
  'commit point': (c) => isHeadPut(c) && c instanceof PutCommand && c.input.Item?.journal != null,
  'applying the journal': (c) => batchPks(c).some((pk) => pk === 'CURRENT'),
  'clearing the journal': (c) =>
    isHeadPut(c) &&
    c instanceof PutCommand &&
    c.input.Item?.journal === null &&
    c.input.Item?.publication?.status === 'pending',
  'marking the publication done': (c) =>
    isHeadPut(c) &&
    c instanceof PutCommand &&
    c.input.Item?.publication?.status === 'done' &&
    c.input.Item?.publication?.runId === 'run-20261121T040000Z',
  'marking the notice sent': (c) => c instanceof PutCommand && c.input.Item?.pk === 'NOTICE',
};
/** Steps after which the run's change is committed (the next run finishes the rest). */
const COMMITTED_AFTER = new Set([
  'applying the journal',
  'clearing the journal',
  'marking the publication done',
  'marking the notice sent',
]);

describe('Publication protocol: the published files always render the committed state', () => {
  let dynamo: TestDynamo;
  const dirs: string[] = [];
  beforeAll(async () => {
    dynamo = await startTestDynamo();
  });
  afterAll(() => dynamo.close());
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  async function harness() {
    const doc = DynamoDBDocumentClient.from(dynamo.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
      unmarshallOptions: { wrapNumbers: false },
    });
    let failState: ((c: Command) => boolean) | null = null;
    const send = doc.send.bind(doc) as (c: Command) => Promise<unknown>;
    doc.send = (async (command: Command) => {
      if (failState?.(command)) {
        failState = null;
        throw Object.assign(new Error('injected: socket hang up'), { name: 'TimeoutError' });
      }
      return send(command);
    }) as DynamoDBDocumentClient['send'];
    const tableName = `protocol-${Math.random().toString(36).slice(2)}`;
    const state: DynamoDbStateStore = createDynamoDbStateStore({
      client: doc,
      tableName,
      sleep: async () => {},
    });
    await state.ensureTable();

    const out = await mkdtemp(join(tmpdir(), 'amif-protocol-'));
    dirs.push(out);
    const dir = createDirectoryObjectStore(out);
    let failKey: ((key: string) => boolean) | null = null;
    const store: ObjectStore = {
      put: async (o) => {
        if (failKey?.(o.key)) {
          failKey = null;
          throw new Error(`injected: disk full writing ${o.key}`);
        }
        return dir.put(o);
      },
      get: (k) => dir.get(k),
      exists: (k) => dir.exists(k),
    };
    let page: ProjectDraft[] = PAGE_A;
    const notices: AwardNotice[] = [];
    const run = (at: string) =>
      runPipeline({
        sources: [LIST],
        fetcher: pageFetcher(() => JSON.stringify(page)),
        state,
        store,
        notifier: { notify: async (n) => void notices.push(n) },
        logger: quietLogger,
        now: new Date(at),
        config,
      });
    const read = async (key: string) => {
      try {
        return await readFile(join(out, ...key.split('/')));
      } catch {
        return null;
      }
    };
    return {
      state,
      tableName,
      notices,
      run,
      read,
      text: async (key: string) => (await read(key))?.toString('utf8') ?? '',
      amount: async () => (await state.loadCurrent()).find((r) => r.name === NAMES[0])?.euFundingEur,
      /** The project's status as published in v1/projects.json. */
      statusOf: async (name: string) => {
        const json = JSON.parse((await read('v1/projects.json'))?.toString('utf8') ?? '{"projects":[]}');
        return (json.projects as { name: string; status: string }[]).find((p) => p.name === name)?.status;
      },
      setPage: (p: ProjectDraft[]) => {
        page = p;
      },
      failState: (f: (c: Command) => boolean) => {
        failState = f;
      },
      failKey: (f: (key: string) => boolean) => {
        failKey = f;
      },
      invariant: () => expectLatestFilesRenderCommittedState(state, read, { config, sources: [LIST] }),
    };
  }

  for (const [step, when] of Object.entries(STATE_STEPS)) {
    it(`a state-store failure at ${step}: the next runs, with the page reverted and changed again, publish exactly the committed state`, async () => {
      const t = await harness();
      await t.run('2026-11-20T04:00:00Z');
      await t.invariant();

      t.setPage(PAGE_B);
      t.failState(when);
      await expect(t.run('2026-11-21T04:00:00Z')).rejects.toThrow(/injected: socket hang up/);

      t.setPage(PAGE_A);
      const reverted = await t.run('2026-11-22T04:00:00Z');
      const committed = COMMITTED_AFTER.has(step);
      // Committed: the revert is a change of its own; not committed: nothing happened at all.
      expect(reverted.status).toBe(committed ? 'published' : 'unchanged');
      expect(reverted.counts).toMatchObject(
        committed ? { changed: 1, removed: 1 } : { changed: 0, removed: 0 },
      );
      expect(await t.amount()).toBe(100_000);
      await t.invariant();
      expect(await t.statusOf(NEW_NAME)).toBe(committed ? 'removed' : undefined);

      t.setPage(PAGE_B);
      const again = await t.run('2026-11-23T04:00:00Z');
      expect(again.status).toBe('published');
      expect(await t.amount()).toBe(123_456.78);
      await t.invariant();
      expect(await t.statusOf(NEW_NAME)).toBe('listed');

      // The new project was announced once: by the run that committed it. Only a failure between
      // sending and marking it sent repeats it, with the same run id for subscribers to see.
      const sent = t.notices.map((n) => n.runId);
      if (step === 'marking the notice sent')
        expect(sent).toEqual(['run-20261121T040000Z', 'run-20261121T040000Z']);
      else if (committed) expect(sent).toEqual(['run-20261121T040000Z']);
      else expect(sent).toEqual(['run-20261123T040000Z']);
      expect(t.notices.every((n) => n.awards.map((a) => a.name).join() === NEW_NAME)).toBe(true);
      expect(await t.state.loadPendingNotices()).toEqual([]);
    });
  }

  it('a run killed after the snapshot index was written (before status.json), then the page reverted: the next run finishes the publication, then publishes the revert', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    t.setPage(PAGE_B);
    t.failKey((k) => k === 'v1/status.json');
    await expect(t.run('2026-11-21T04:00:00Z')).rejects.toBeInstanceOf(PublishError);
    const index = JSON.parse(await t.text('v1/snapshots/index.json'));
    expect(index.latest).toBe('2026-11-21T040000Z');
    expect(await t.state.loadPublication()).toMatchObject({
      status: 'pending',
      runId: 'run-20261121T040000Z',
    });

    t.setPage(PAGE_A);
    const next = await t.run('2026-11-22T04:00:00Z');
    expect(next).toMatchObject({ status: 'published', counts: { changed: 1, removed: 1 } });
    await t.invariant();
    expect(await t.text('v1/projects.csv')).toContain('100000.00');
    expect(await t.statusOf(NEW_NAME)).toBe('removed');
    expect((await t.run('2026-11-23T04:00:00Z')).status).toBe('unchanged');
    await t.invariant();
  });

  it('a state from before the protocol (no HEAD, no snapshot list): the first run writes every file again and carries the published snapshot index over once', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    const plain = DynamoDBDocumentClient.from(dynamo.client);
    await plain.send(new DeleteCommand({ TableName: t.tableName, Key: { pk: 'HEAD', sk: 'harvest' } }));
    await plain.send(
      new DeleteCommand({ TableName: t.tableName, Key: { pk: 'SNAPSHOT', sk: '2026-11-20T040000Z' } }),
    );
    expect(await t.state.loadPublication()).toBeNull();

    const migrated = await t.run('2026-11-21T04:00:00Z');
    expect(migrated.status).toBe('published');
    expect(migrated.warnings).toContain(
      'the state had no record of what is published (written before the publication protocol); every file was written again',
    );
    expect(
      migrated.published.filter((k) => k.startsWith('v1/projects/') && k.endsWith('.json')),
    ).toHaveLength(5);
    expect((await t.state.loadSnapshots()).map((s) => s.id)).toEqual([
      '2026-11-20T040000Z',
      '2026-11-21T040000Z',
    ]);
    await t.invariant();
    expect((await t.run('2026-11-22T04:00:00Z')).status).toBe('unchanged');
  });

  it('a failed notice stays pending and the next run sends it, once', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    t.setPage(PAGE_B);
    let down = true;
    const notices: AwardNotice[] = [];
    const notifier = {
      notify: async (n: AwardNotice) => {
        if (down) throw new Error('SNS: service unavailable');
        notices.push(n);
      },
    };
    const run = (at: string) =>
      runPipeline({
        sources: [LIST],
        fetcher: pageFetcher(() => JSON.stringify(PAGE_B)),
        state: t.state,
        store: createDirectoryObjectStore(dirs.at(-1)!),
        notifier,
        logger: quietLogger,
        now: new Date(at),
        config,
      });
    expect((await run('2026-11-21T04:00:00Z')).status).toBe('published');
    expect((await t.state.loadPendingNotices()).map((n) => n.runId)).toEqual(['run-20261121T040000Z']);
    down = false;
    expect((await run('2026-11-22T04:00:00Z')).status).toBe('unchanged');
    expect(notices.map((n) => n.subject)).toEqual(['1 uusi AMIF-hanke / 1 new AMIF award']);
    expect(await t.state.loadPendingNotices()).toEqual([]);
    await run('2026-11-23T04:00:00Z');
    expect(notices).toHaveLength(1);
  });

  it('an unchanged page costs a hash: nothing is extracted, and only status.json is written', async () => {
    const t = await harness();
    let extracts = 0;
    const counting = {
      ...LIST,
      extract: (body: string) => {
        extracts++;
        return LIST.extract(body);
      },
    };
    const written: string[] = [];
    const dir = createDirectoryObjectStore(dirs.at(-1)!);
    const run = (at: string, state: StateStore = t.state) =>
      runPipeline({
        sources: [counting],
        fetcher: pageFetcher(() => JSON.stringify(PAGE_A)),
        state,
        store: {
          ...dir,
          put: async (o) => {
            written.push(o.key);
            await dir.put(o);
          },
        },
        notifier: { notify: async () => {} },
        logger: quietLogger,
        now: new Date(at),
        config,
      });
    await run('2026-11-20T04:00:00Z');
    expect(extracts).toBe(1);
    written.length = 0;
    const unchanged = await run('2026-11-21T04:00:00Z');
    expect(extracts).toBe(1);
    expect(written).toEqual(['v1/status.json']);
    expect(unchanged).toMatchObject({ status: 'unchanged', counts: { total: 5, unchanged: 5 } });
    expect((await t.state.loadSnapshots()).map((s) => s.id)).toEqual(['2026-11-20T040000Z']);
    const status = JSON.parse(await t.text('v1/status.json'));
    expect(status.sources[0]).toMatchObject({ status: 'ok', records: 5, lastReadAt: '2026-11-21T04:00:00Z' });

    // A reading made by an earlier parser version is parsed again, even for the same bytes.
    const older: StateStore = {
      ...t.state,
      loadSourceStates: async () =>
        (await t.state.loadSourceStates()).map((st) => ({
          ...st,
          extractionVersion: DEFAULTS.extractionVersion - 1,
        })),
    };
    written.length = 0;
    expect((await run('2026-11-22T04:00:00Z', older)).status).toBe('unchanged');
    expect(extracts).toBe(2);
    expect(written).toEqual(['v1/status.json']);
    expect((await t.state.loadSourceStates())[0]?.extractionVersion).toBe(DEFAULTS.extractionVersion);
  });
});
