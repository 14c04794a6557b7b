import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeItems } from '../../functions/adapters/dynamodb/batch-writer';
import { MAX_INLINE_OUTPUT_BYTES } from '../../functions/adapters/dynamodb/item-codec';
import {
  createDynamoDbStateStore,
  type DynamoDbStateStore,
  STATE_TABLE_SCHEMA,
} from '../../functions/adapters/dynamodb-state';
import { startEmbeddedDynalite } from '../../functions/cli/embedded-dynalite';
import { LeaseHeldError, LeaseLostError } from '../../functions/core/errors';
import { type ProjectVersion, projectVersionSchema } from '../../functions/core/model/history';
import type { ProjectDraft, ProjectRecord } from '../../functions/core/model/project';
import type { RunReport } from '../../functions/core/model/run-report';
import { type SourceOutput, sourceOutputSchema } from '../../functions/core/model/source-output';
import type { SourceState, StateCommit } from '../../functions/core/ports';
import { rawItems, startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { record } from '../helpers/records';
import { loadWholeSourceStates } from '../helpers/source-states';

// ------------------------------------------------------------------ fixtures

const SOURCE_URL = 'https://intermin.fi/amif-hankkeet';

/** The factory's record with this file's source, Finnish letters, a float sum and a quality flag. */
function makeRecord(id: string, overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return record({
    id,
    name: `Hanke ${id} – kotoutuminen ja ääkköset`,
    beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
    specificObjective: { code: '2', name: 'Laillinen maahanmuutto ja kotoutuminen' },
    summary: '',
    euFundingEur: 2200120.8,
    startDate: '2023-01-01',
    endDate: null,
    sources: [{ id: 'intermin-2021', url: SOURCE_URL }],
    announcements: [{ date: '2023-05-04', url: `${SOURCE_URL}/tiedote`, lang: 'fi', amountEur: 0.1 + 0.2 }],
    quality: [{ code: 'missing-field', field: 'endDate', message: 'no end date', raw: null, source: null }],
    firstSeenAt: '2024-03-05T04:00:00Z',
    lastChangedAt: '2024-03-05T04:00:00Z',
    ...overrides,
  });
}

function makeVersion(record: ProjectRecord, changedAt: string): ProjectVersion {
  return projectVersionSchema.parse({
    id: record.id,
    version: record.version,
    kind: record.version === 1 ? 'new' : 'changed',
    changedAt,
    fields: record.version === 1 ? [] : [{ field: 'euFundingEur', old: null, new: record.euFundingEur }],
    run: { runId: 'run-1', at: changedAt, sources: [{ id: 'intermin-2021', url: SOURCE_URL, sha256: null }] },
    record,
  });
}

function makeRun(runId = 'run-1', startedAt = '2024-03-05T04:00:00Z'): RunReport {
  return {
    runId,
    startedAt,
    status: 'published',
    counts: { total: 1, new: 1, changed: 0, removed: 0, reinstated: 0, unchanged: 0 },
    sources: [],
    warnings: [],
    published: ['v1/projects.json'],
  };
}

function draftOf(record: ProjectRecord, summary: string): ProjectDraft {
  const { status: _s, removedAt: _r, firstSeenAt: _f, lastChangedAt: _l, version: _v, ...draft } = record;
  return { ...draft, listing: 'listed', summary };
}

function makeOutput(drafts: number, summaryOf: (i: number) => string): SourceOutput {
  return sourceOutputSchema.parse({
    kind: 'projects',
    sourceId: 'intermin-2021',
    url: SOURCE_URL,
    pageUpdated: '2024-03-05',
    drafts: Array.from({ length: drafts }, (_, i) =>
      draftOf(makeRecord(`p-${String(i).padStart(4, '0')}`), summaryOf(i)),
    ),
    warnings: [],
  });
}

function makeSourceState(id: string, output: SourceOutput | null): SourceState {
  return {
    id,
    url: SOURCE_URL,
    sha256: 'ab'.repeat(32),
    etag: null,
    lastModified: 'Tue, 05 Mar 2024 04:00:00 GMT',
    fetchedAt: '2024-03-05T04:00:00Z',
    extractionVersion: 1,
    output,
  };
}

function commitOf(parts: Partial<StateCommit>): StateCommit {
  return {
    records: [],
    versions: [],
    sourceStates: [],
    run: makeRun(),
    publication: null,
    snapshots: [],
    notice: null,
    ...parts,
  };
}

/** Commits as a run does: under the lease. */
async function commitHeld(store: DynamoDbStateStore, commit: StateCommit): Promise<void> {
  await store.acquireLease('test-run', 900);
  try {
    await store.commit(commit, 'test-run');
  } finally {
    await store.releaseLease('test-run');
  }
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/**
 * A store on a document client of the test's own (so its sends can be watched), holding one source
 * whose reading is too large for its item and sits in two chunks beside it.
 */
async function storeWithHugeReading(dynamo: TestDynamo) {
  const tableName = `test-${randomUUID()}`;
  const doc = DynamoDBDocumentClient.from(dynamo.client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const store = createDynamoDbStateStore({ client: doc, tableName, sleep: async () => {} });
  await store.ensureTable();
  const incompressible = makeOutput(60, () => randomBytes(6 * 1024).toString('base64'));
  await commitHeld(store, commitOf({ sourceStates: [makeSourceState('huge', incompressible)] }));
  return { store, doc, tableName, incompressible };
}

/** Records the operation name of every request the client sends (doc clients share the stack). */
function recordCommands(client: DynamoDBClient): string[] {
  const names: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: `recordCommands-${Math.random()}` },
  );
  return names;
}

// ------------------------------------------------------------------ against a real dynalite

describe('Adapter: DynamoDB state', () => {
  let dynamo: TestDynamo;

  beforeAll(async () => {
    dynamo = await startTestDynamo();
  });
  afterAll(async () => {
    await dynamo?.close();
  });

  describe('table', () => {
    it('ensureTable creates the table with the CDK key schema and is idempotent', async () => {
      const { store, tableName } = await dynamo.newStore();
      await store.ensureTable();
      await createDynamoDbStateStore({ client: dynamo.client, tableName }).ensureTable();

      const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      const gsi = Table?.GlobalSecondaryIndexes?.[0];
      expect(gsi?.IndexName).toBe(STATE_TABLE_SCHEMA.index.name);
      expect(gsi?.KeySchema).toEqual([
        { AttributeName: 'gsi1pk', KeyType: 'HASH' },
        { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
      ]);
      expect(gsi?.Projection?.ProjectionType).toBe('ALL');
    });

    it('createTableIfMissing creates the table on first use', async () => {
      const store = createDynamoDbStateStore({
        client: dynamo.client,
        tableName: 'lazy-created',
        createTableIfMissing: true,
        sleep: async () => {},
      });
      expect(await store.loadCurrent()).toEqual([]);
    });
  });

  describe('records and versions', () => {
    it('commit then loadCurrent returns exactly the records (nulls and decimals preserved)', async () => {
      const { store } = await dynamo.newStore();
      const records = [
        makeRecord('alpha'),
        makeRecord('beta', {
          acronym: 'BETA',
          migri: {
            url: 'https://migri.fi/amif/beta',
            title: 'Beta',
            schedule: null,
            description: 'kuvaus',
            goals: null,
            matchedBy: 'acronym',
          },
          euFundingEur: 0.07,
          status: 'removed',
          removedAt: '2024-04-01T04:00:00.123Z',
          version: 2,
        }),
      ];
      await commitHeld(
        store,
        commitOf({ records, versions: records.map((r) => makeVersion(r, r.lastChangedAt)) }),
      );

      const loaded = await store.loadCurrent();
      expect(loaded.sort(byId)).toStrictEqual(records);
      expect(loaded[0]?.euFundingEur).toBe(2200120.8);
      expect(loaded[0]?.announcements[0]?.amountEur).toBe(0.1 + 0.2);
    });

    it('commits 60 records and 60 versions in batches of at most 25 and reads them back paginated', async () => {
      const { store, tableName } = await dynamo.newStore({ pageSize: 7 });
      const commands = recordCommands(dynamo.client);
      const records = Array.from({ length: 60 }, (_, i) => makeRecord(`bulk-${String(i).padStart(2, '0')}`));
      const started = performance.now();
      await commitHeld(
        store,
        commitOf({ records, versions: records.map((r) => makeVersion(r, r.lastChangedAt)) }),
      );
      const committedMs = performance.now() - started;

      const batchCalls = commands.filter((c) => c.startsWith('BatchWrite'));
      // the journal (one chunk), then its 121 items (60 versions, 60 records, the run) 25 at a time
      expect(batchCalls).toHaveLength(1 + 5);
      const loaded = await store.loadCurrent();
      expect(loaded.sort(byId)).toStrictEqual(records);
      expect(await store.loadChangesSince('2024-01-01T00:00:00Z')).toHaveLength(60);
      console.info(
        `[timing] commit of 60 records + 60 versions to ${tableName}: ${committedMs.toFixed(0)} ms`,
      );
    });

    it('loadVersions returns one project’s versions in version order', async () => {
      const { store } = await dynamo.newStore();
      // 12 versions so that 2 < 10 proves the sort key is zero-padded; committed out of order
      const versions = Array.from({ length: 12 }, (_, i) =>
        makeVersion(
          makeRecord('multi', { version: i + 1 }),
          `2024-03-${String(i + 1).padStart(2, '0')}T04:00:00Z`,
        ),
      );
      const other = makeVersion(makeRecord('multi-other'), '2024-03-02T04:00:00Z');
      await commitHeld(store, commitOf({ versions: [...versions.slice(6), other] }));
      await commitHeld(store, commitOf({ versions: versions.slice(0, 6), run: makeRun('run-2') }));

      expect(await store.loadVersions('multi')).toStrictEqual(versions);
      expect(await store.loadVersions('multi-other')).toStrictEqual([other]);
      expect(await store.loadVersions('multi-o')).toEqual([]);
    });

    it('loadChangesSince returns only versions at or after T, newest first', async () => {
      const { store } = await dynamo.newStore();
      const at = (id: string, changedAt: string, version = 1) =>
        makeVersion(makeRecord(id, { version }), changedAt);
      const before = at('old', '2024-02-29T23:59:59Z');
      const exactly = at('exact', '2024-03-01T00:00:00Z');
      const withMillis = at('millis', '2024-03-01T00:00:00.500Z');
      const later = at('old', '2024-03-10T08:00:00Z', 2);
      const latest = at('late', '2024-04-01T00:00:00Z');
      await commitHeld(store, commitOf({ versions: [latest, before, withMillis, exactly, later] }));

      const changes = await store.loadChangesSince('2024-03-01T00:00:00Z');
      expect(changes).toStrictEqual([latest, later, withMillis, exactly]);
      expect(await store.loadChangesSince('2024-03-01T00:00:00.001Z')).toStrictEqual([
        latest,
        later,
        withMillis,
      ]);
      expect(await store.loadChangesSince('2025-01-01T00:00:00Z')).toEqual([]);
      await expect(store.loadChangesSince('yesterday')).rejects.toThrow(/not an ISO timestamp/);
    });

    it('refuses an item above the 400 KB limit, naming the project, and writes nothing', async () => {
      const { store } = await dynamo.newStore();
      const huge = makeRecord('too-big', { summary: 'x'.repeat(420 * 1024) });
      const commit = commitOf({
        records: [makeRecord('fine'), huge],
        versions: [makeVersion(huge, huge.lastChangedAt)],
      });
      await expect(commitHeld(store, commit)).rejects.toThrow(
        /project too-big .*400 ?KB|project too-big .*409600/,
      );
      expect(await store.loadCurrent()).toEqual([]);
      expect(await store.loadVersions('too-big')).toEqual([]);
    });

    it('stores a record and a version as one JSON attribute each, and still reads items written as maps before', async () => {
      const { store, tableName } = await dynamo.newStore();
      const doc = DynamoDBDocumentClient.from(dynamo.client);
      const fresh = makeRecord('fresh');
      await commitHeld(
        store,
        commitOf({ records: [fresh], versions: [makeVersion(fresh, fresh.lastChangedAt)] }),
      );
      const [current] = await rawItems(dynamo.client, tableName, 'CURRENT');
      expect(Object.keys(current ?? {}).sort()).toEqual(['pk', 'recordJson', 'sk']);

      // Written by the earlier codec: the record as a map, the version's fields at the top level.
      const old = makeRecord('old');
      const oldVersion = makeVersion(old, '2024-03-01T04:00:00Z');
      await doc.send(
        new PutCommand({ TableName: tableName, Item: { pk: 'CURRENT', sk: 'old', record: old } }),
      );
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...oldVersion,
            pk: 'PROJECT#old',
            sk: 'V#000001',
            gsi1pk: 'CHANGES',
            gsi1sk: '2024-03-01T04:00:00.000Z#old#000001',
          },
        }),
      );
      expect((await store.loadCurrent()).sort(byId)).toStrictEqual([fresh, old].sort(byId));
      expect(await store.loadVersions('old')).toStrictEqual([oldVersion]);
      expect(await store.loadVersions('fresh')).toStrictEqual([makeVersion(fresh, fresh.lastChangedAt)]);
      expect((await store.loadChangesSince('2024-01-01T00:00:00Z')).map((v) => v.id).sort()).toEqual([
        'fresh',
        'old',
      ]);
    });

    it('fails loudly, naming the key, when a stored item is corrupted', async () => {
      const { store, tableName } = await dynamo.newStore();
      const doc = DynamoDBDocumentClient.from(dynamo.client);
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: 'CURRENT', sk: 'broken', record: { ...makeRecord('broken'), version: 'one' } },
        }),
      );
      await expect(store.loadCurrent()).rejects.toThrow(/pk="CURRENT" sk="broken" is corrupted: version/);
      // A corrupt state is not transient: the run stops and an operator is alerted.
      await expect(store.loadCurrent()).rejects.toMatchObject({
        name: 'CorruptStateError',
        action: 'stop-and-alert',
      });
    });
  });

  describe('source states', () => {
    it('round-trips a large output compressed inline, and one too large for an item in chunks beside it', async () => {
      const { store, tableName } = await dynamo.newStore();
      // ~600 KB of JSON: above the item limit uncompressed, far below it gzip'd
      const large = makeOutput(600, (i) => `Hankkeen ${i} tiivistelmä. `.repeat(30));
      expect(JSON.stringify(large).length).toBeGreaterThan(500 * 1024);
      // random base64 summaries do not compress: about 480 KB gzip'd, more than one item holds
      const incompressible = makeOutput(60, () => randomBytes(6 * 1024).toString('base64'));
      const states = [
        makeSourceState('big', large),
        makeSourceState('huge', incompressible),
        makeSourceState('none', null),
      ];
      await commitHeld(store, commitOf({ sourceStates: states }));

      // Nothing is dropped: every reading comes back whole.
      const loaded = (await loadWholeSourceStates(store)).sort(byId);
      expect(loaded).toStrictEqual(states);

      const items = await rawItems(dynamo.client, tableName, 'SOURCE');
      const big = items.find((i) => i.sk === 'big');
      expect(big?.output).toBeInstanceOf(Uint8Array);
      expect((big?.output as Uint8Array | undefined)?.byteLength).toBeLessThan(MAX_INLINE_OUTPUT_BYTES);
      const huge = items.find((i) => i.sk === 'huge');
      expect(huge).toMatchObject({ output: null, outputChunks: 2, outputEncoding: 'gzip+json' });
      expect(huge?.outputSha256).toMatch(/^[0-9a-f]{64}$/);
      const chunks = await rawItems(dynamo.client, tableName, 'SOURCE#huge');
      expect(chunks.map((c) => c.sk)).toEqual(['OUTPUT#0000', 'OUTPUT#0001']);
    });

    it('writes only the source item, not its output again, when the reading is the one it loaded', async () => {
      const { store, doc, tableName } = await storeWithHugeReading(dynamo);
      const [loaded] = await loadWholeSourceStates(store);

      const send = vi.spyOn(doc, 'send');
      const reread = { ...loaded!, fetchedAt: '2024-03-06T04:00:00Z' };
      await commitHeld(
        store,
        commitOf({ sourceStates: [reread], run: makeRun('run-2', '2024-03-06T04:00:00Z') }),
      );
      const written = send.mock.calls.flatMap(([command]) =>
        command instanceof BatchWriteCommand
          ? (command.input.RequestItems?.[tableName] ?? []).map(
              (r) => `${r.PutRequest?.Item?.pk} ${r.PutRequest?.Item?.sk}`,
            )
          : [],
      );
      send.mockRestore();
      // The journal's chunk, then the source item and the run: the two output chunks are not rewritten.
      expect(written.filter((k) => !k.startsWith('JOURNAL#')).sort()).toEqual([
        'RUN 2024-03-06T04:00:00.000Z#run-2',
        'SOURCE huge',
      ]);
      expect(await loadWholeSourceStates(store)).toStrictEqual([reread]);
    });

    it('refuses chunks that do not match the hash in the source item', async () => {
      const { store, tableName } = await dynamo.newStore();
      const incompressible = makeOutput(60, () => randomBytes(6 * 1024).toString('base64'));
      await commitHeld(store, commitOf({ sourceStates: [makeSourceState('huge', incompressible)] }));
      await DynamoDBDocumentClient.from(dynamo.client).send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: 'SOURCE#huge', sk: 'OUTPUT#0001', data: new Uint8Array(3) },
        }),
      );
      const [state] = await store.loadSourceStates();
      await expect(store.loadSourceOutput(state!)).rejects.toThrow(
        /output chunks have SHA-256 [0-9a-f]{64}, the item says/,
      );
    });
    it('loads a source state without its output, and writes a kept one back as its item only, still pointing at it', async () => {
      const { store, doc, tableName, incompressible } = await storeWithHugeReading(dynamo);

      const send = vi.spyOn(doc, 'send');
      const [loaded] = await store.loadSourceStates();
      // The summary stands for the output; its chunks are not read.
      expect(loaded?.summary).toEqual({ records: 60, pageUpdated: '2024-03-05' });
      const kept = { ...loaded!, fetchedAt: '2024-03-06T04:00:00Z' };
      await commitHeld(
        store,
        commitOf({ keptSourceStates: [kept], run: makeRun('run-2', '2024-03-06T04:00:00Z') }),
      );
      const commands = send.mock.calls.map(([command]) => command);
      send.mockRestore();
      const queried = commands.flatMap((c) =>
        c instanceof QueryCommand ? [String(c.input.ExpressionAttributeValues?.[':pk'])] : [],
      );
      expect(queried.filter((pk) => pk.startsWith('SOURCE#'))).toEqual([]);
      const written = commands.flatMap((c) =>
        c instanceof BatchWriteCommand
          ? (c.input.RequestItems?.[tableName] ?? []).map(
              (r) => `${r.PutRequest?.Item?.pk} ${r.PutRequest?.Item?.sk}`,
            )
          : [],
      );
      expect(written.filter((k) => !k.startsWith('JOURNAL#')).sort()).toEqual([
        'RUN 2024-03-06T04:00:00.000Z#run-2',
        'SOURCE huge',
      ]);
      // The reading is not lost: the item still points at the chunks, which still match its hash.
      expect(await loadWholeSourceStates(store)).toStrictEqual([
        { ...makeSourceState('huge', incompressible), fetchedAt: '2024-03-06T04:00:00Z' },
      ]);
    });

    it('refuses to keep a reading whose output it did not load, and writes nothing', async () => {
      const { store } = await dynamo.newStore();
      await commitHeld(
        store,
        commitOf({
          sourceStates: [
            makeSourceState(
              'big',
              makeOutput(3, () => 'x'),
            ),
          ],
        }),
      );
      const [loaded] = await store.loadSourceStates();
      const forged = { ...loaded!, summary: { records: 3, pageUpdated: '2024-03-05' } };
      await expect(
        commitHeld(
          store,
          commitOf({ keptSourceStates: [forged], run: makeRun('run-2', '2024-03-06T04:00:00Z') }),
        ),
      ).rejects.toThrow(/source big is kept with an output this store did not load, .*; nothing was written/);
      await expect(store.loadSourceOutput(forged)).rejects.toThrow(/its output was not loaded by this store/);
      expect((await loadWholeSourceStates(store))[0]?.fetchedAt).toBe('2024-03-05T04:00:00Z');
    });

    it('summarises an item written before the summary was kept by reading its output, once', async () => {
      const { store, tableName } = await dynamo.newStore();
      const output = makeOutput(4, () => 'x');
      await commitHeld(store, commitOf({ sourceStates: [makeSourceState('old', output)] }));
      const raw = DynamoDBDocumentClient.from(dynamo.client);
      const items = await rawItems(dynamo.client, tableName, 'SOURCE');
      const { outputRecords: _r, outputPageUpdated: _p, ...old } = items[0]!;
      await raw.send(new PutCommand({ TableName: tableName, Item: old }));

      const [loaded] = await store.loadSourceStates();
      expect(loaded?.summary).toEqual({ records: 4, pageUpdated: '2024-03-05' });
      expect(await store.loadSourceOutput(loaded!)).toStrictEqual(output);
      await commitHeld(
        store,
        commitOf({
          keptSourceStates: [{ ...loaded!, fetchedAt: '2024-03-06T04:00:00Z' }],
          run: makeRun('run-2', '2024-03-06T04:00:00Z'),
        }),
      );
      const [rewritten] = await rawItems(dynamo.client, tableName, 'SOURCE');
      expect(rewritten).toMatchObject({ outputRecords: 4, outputPageUpdated: '2024-03-05' });
    });
  });

  describe('current summary', () => {
    const runOf = (runId: string, startedAt: string, total: number): RunReport => ({
      ...makeRun(runId, startedAt),
      counts: { total, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: total },
    });

    it('keeps the count and latest lastChangedAt of the current records with each commit, without reading them', async () => {
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'eu-north-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const names = recordCommands(client);
      const tableName = `test-${randomUUID()}`;
      const store = createDynamoDbStateStore({ client, tableName, sleep: async () => {} });
      await store.ensureTable();
      expect(await store.loadCurrentSummary()).toEqual({ total: 0, lastChangedAt: null });
      const a = makeRecord('a');
      const b = makeRecord('b', { lastChangedAt: '2024-03-06T04:00:00Z' });
      await commitHeld(store, commitOf({ records: [a, b], run: runOf('run-1', '2024-03-06T04:00:00Z', 2) }));
      const c = makeRecord('c', { lastChangedAt: '2024-03-07T04:00:00Z' });
      await commitHeld(store, commitOf({ records: [c], run: runOf('run-2', '2024-03-07T04:00:00Z', 3) }));
      await commitHeld(store, commitOf({ run: runOf('run-3', '2024-03-08T04:00:00Z', 3) }));

      names.length = 0;
      expect(await store.loadCurrentSummary()).toEqual({ total: 3, lastChangedAt: '2024-03-07T04:00:00Z' });
      expect(names).toEqual(['GetItemCommand']);
      client.destroy();
    });

    it('counts the records once when the head has none (a state from before it), and when a change went back in time', async () => {
      const { store, tableName } = await dynamo.newStore();
      const late = makeRecord('late', { lastChangedAt: '2024-03-09T04:00:00Z' });
      await commitHeld(
        store,
        commitOf({ records: [makeRecord('a'), late], run: runOf('run-1', '2024-03-09T04:00:00Z', 2) }),
      );
      const raw = DynamoDBDocumentClient.from(dynamo.client);
      const head = (await rawItems(dynamo.client, tableName, 'HEAD'))[0]!;
      const { summary: _s, ...older } = head;
      await raw.send(new PutCommand({ TableName: tableName, Item: older }));
      expect(await store.loadCurrentSummary()).toEqual({ total: 2, lastChangedAt: '2024-03-09T04:00:00Z' });

      // The record holding the latest change is changed by a run dated earlier.
      const back = { ...late, version: 2, lastChangedAt: '2024-03-08T04:00:00Z' };
      await commitHeld(store, commitOf({ records: [back], run: runOf('run-0', '2024-03-08T04:00:00Z', 2) }));
      expect(await store.loadCurrentSummary()).toEqual({ total: 2, lastChangedAt: '2024-03-08T04:00:00Z' });
    });
  });

  describe('lease', () => {
    const start = new Date('2024-03-05T04:00:00Z').getTime();
    let wall = start;
    const clock = () => new Date(wall);
    const at = (seconds: number) => {
      wall = start + seconds * 1000;
    };

    it('is taken, refused to another run naming the holder, re-taken by the holder, taken over when expired', async () => {
      at(0);
      const { store } = await dynamo.newStore({ clock });
      await store.acquireLease('run-a', 900);

      at(60);
      const refused = await store.acquireLease('run-b', 900).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LeaseHeldError);
      expect(refused).toMatchObject({ holder: 'run-a', expiresAt: '2024-03-05T04:15:00.000Z' });

      // the holder may take it again (renewal): the expiry moves
      at(600);
      await store.acquireLease('run-a', 900);
      at(1000);
      await expect(store.acquireLease('run-b', 900)).rejects.toMatchObject({
        holder: 'run-a',
        expiresAt: '2024-03-05T04:25:00.000Z',
      });

      // run-a crashed; its lease expired
      at(1501);
      await store.acquireLease('run-b', 900);
      at(1502);
      await expect(store.acquireLease('run-a', 900)).rejects.toMatchObject({ holder: 'run-b' });
    });

    it('is released only by its holder', async () => {
      at(0);
      const { store } = await dynamo.newStore({ clock });
      await store.releaseLease('nobody'); // nothing to release: no error
      await store.acquireLease('run-a', 900);

      await store.releaseLease('run-b');
      at(1);
      await expect(store.acquireLease('run-b', 900)).rejects.toBeInstanceOf(LeaseHeldError);

      await store.releaseLease('run-a');
      at(2);
      await store.acquireLease('run-b', 900);
      at(3);
      await expect(store.acquireLease('run-a', 900)).rejects.toMatchObject({ holder: 'run-b' });
    });

    it('commits only while the lease is held: a run whose lease passed to another commits nothing', async () => {
      at(0);
      const { store } = await dynamo.newStore({ clock });
      await store.acquireLease('run-a', 900);
      at(901); // run-a stalled past its lease; run-b takes over
      await store.acquireLease('run-b', 900);
      const lost = await store
        .commit(commitOf({ records: [makeRecord('late')] }), 'run-a')
        .catch((e: unknown) => e);
      expect(lost).toBeInstanceOf(LeaseLostError);
      expect((lost as Error).message).toBe(
        'this run (run-a) no longer holds the lease (it expired or another run took it over); nothing of it was committed',
      );
      expect(await store.loadCurrent()).toEqual([]);

      // An expired lease nobody took over is lost too: the commit is refused, never half-written.
      at(1802);
      await expect(store.commit(commitOf({ records: [makeRecord('late')] }), 'run-b')).rejects.toBeInstanceOf(
        LeaseLostError,
      );
      expect(await store.loadCurrent()).toEqual([]);
    });
  });
});

// ------------------------------------------------------------------ persistence

describe('Adapter: DynamoDB state – embedded dynalite on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amif-dynalite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps what was written across a close and restart', async () => {
    const path = join(dir, 'state');
    const records = [makeRecord('persisted'), makeRecord('persisted-too', { version: 3 })];
    const timings: string[] = [];
    let started = performance.now();

    const first = await startEmbeddedDynalite({ path });
    timings.push(`start ${(performance.now() - started).toFixed(0)} ms`);
    const store = createDynamoDbStateStore({
      client: first.client,
      tableName: 'amif-state',
      createTableIfMissing: true,
    });
    await commitHeld(
      store,
      commitOf({ records, versions: records.map((r) => makeVersion(r, r.lastChangedAt)) }),
    );
    await store.acquireLease('run-a', 900);
    started = performance.now();
    await first.close();
    timings.push(`close ${(performance.now() - started).toFixed(0)} ms`);
    // a closed instance is really closed: its LOCK is free, so a second start can open the store
    started = performance.now();
    const second = await startEmbeddedDynalite({ path });
    timings.push(`restart ${(performance.now() - started).toFixed(0)} ms`);
    try {
      // starting a second instance on a store that is in use fails clearly instead of crashing
      await expect(startEmbeddedDynalite({ path })).rejects.toThrow(/another process using it/);

      const reopened = createDynamoDbStateStore({ client: second.client, tableName: 'amif-state' });
      await reopened.ensureTable();
      expect((await reopened.loadCurrent()).sort(byId)).toStrictEqual(records);
      expect(await reopened.loadVersions('persisted-too')).toHaveLength(1);
      await expect(reopened.acquireLease('run-b', 900)).rejects.toMatchObject({ holder: 'run-a' });
    } finally {
      await second.close();
    }
    console.info(`[timing] embedded dynalite on disk: ${timings.join(', ')}`);
  });
});

// ------------------------------------------------------------------ fault injection

describe('Adapter: DynamoDB state – BatchWriteItem faults (mocked client)', () => {
  // Stubs DynamoDBDocumentClient.prototype.send for every instance: only while this block runs.
  let ddbMock: AwsClientStub<DynamoDBDocumentClient>;
  const tableName = 'mocked';
  const sleep = vi.fn(async (_ms: number) => {});
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
  );
  type Requests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];
  const requestsOf = (input: BatchWriteCommandInput): Requests => input.RequestItems?.[tableName] ?? [];

  beforeAll(() => {
    ddbMock = mockClient(DynamoDBDocumentClient);
  });
  beforeEach(() => {
    ddbMock.reset();
    sleep.mockClear();
  });
  afterAll(() => {
    ddbMock.restore();
  });

  const items = Array.from({ length: 60 }, (_, i) => ({
    pk: 'CURRENT',
    sk: `mock-${String(i).padStart(2, '0')}`,
  }));

  it('writes batches of 25 in parallel and retries UnprocessedItems with backoff until every item is written', async () => {
    const written = new Map<string, unknown>();
    let call = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    ddbMock.on(BatchWriteCommand).callsFake(async (input: BatchWriteCommandInput) => {
      call += 1;
      const mine = call;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      const requests = requestsOf(input);
      // the first two calls leave their last two requests unprocessed
      const keep = mine <= 2 ? requests.slice(0, -2) : requests;
      const left = mine <= 2 ? requests.slice(-2) : [];
      for (const r of keep)
        written.set(`${r.PutRequest?.Item?.pk}|${r.PutRequest?.Item?.sk}`, r.PutRequest?.Item);
      return left.length ? { UnprocessedItems: { [tableName]: left } } : {};
    });

    await writeItems(doc, tableName, items, 'test commit', { sleep, concurrency: 3 });

    const sizes = ddbMock.commandCalls(BatchWriteCommand).map((c) => requestsOf(c.args[0].input).length);
    expect(sizes.slice(0, 3).sort()).toEqual([10, 25, 25]); // three batches at once
    expect(sizes.slice(3)).toEqual([2, 2]); // the two retries
    expect(maxInFlight).toBe(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([100, 100]);
    expect([...written.keys()].sort()).toEqual(items.map((i) => `CURRENT|${i.sk}`));
  });

  it('gives up after bounded attempts, naming how many items stayed unprocessed', async () => {
    ddbMock.on(BatchWriteCommand).callsFake((input: BatchWriteCommandInput) => ({
      UnprocessedItems: { [tableName]: requestsOf(input) },
    }));

    await expect(writeItems(doc, tableName, items.slice(0, 5), 'test commit', { sleep })).rejects.toThrow(
      /test commit: 5 of 5 items stayed unprocessed after 8 BatchWriteItem attempts/,
    );
    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(8);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([100, 200, 400, 800, 1600, 3200, 5000]);
    await expect(
      writeItems(doc, tableName, items.slice(0, 5), 'test commit', { sleep }),
    ).rejects.toMatchObject({
      action: 'retry-next-run',
    });
  });

  it('keeps the SDK error as the cause when a write fails', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ProvisionedThroughputExceededException',
    });
    ddbMock.on(BatchWriteCommand).rejects(throttled);
    const failure = await writeItems(doc, tableName, items, 'test commit', { sleep }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      /test commit: writing to mocked .*ProvisionedThroughputExceededException/,
    );
    expect((failure as Error).cause).toBe(throttled);
    // Throttled: nothing was committed, the next run tries again.
    expect(failure).toMatchObject({ name: 'StateStoreUnavailableError', action: 'retry-next-run' });
  });

  it('stops and alerts when DynamoDB refuses the request itself (validation, an item size limit)', async () => {
    const invalid = Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    ddbMock.on(BatchWriteCommand).rejects(invalid);
    const failure = await writeItems(doc, tableName, items, 'test commit', { sleep }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ name: 'StateStoreError', action: 'stop-and-alert', cause: invalid });
    expect((failure as Error).message).toBe(
      'DynamoDB: test commit: writing to mocked failed: ValidationException: Item size has exceeded the maximum allowed size',
    );
  });
});
