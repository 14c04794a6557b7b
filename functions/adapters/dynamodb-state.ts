import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { StateLimitError } from '../core/errors';
import { type CurrentSummary, summariseRecords } from '../core/model/current-summary';
import { type DiscoveredRelease, discoveredReleaseSchema } from '../core/model/discovered-release';
import { type ProjectVersion, projectVersionSchema } from '../core/model/history';
import { type ProjectRecord, projectRecordSchema } from '../core/model/project';
import type { Publication } from '../core/model/publication';
import { type SnapshotEntry, snapshotEntrySchema } from '../core/model/snapshot';
import type { SourceOutput } from '../core/model/source-output';
import type { AwardNotice, LastRun, Logger, StateCommit, StateStore, StoredSourceState } from '../core/ports';
import { writeItems } from './dynamodb/batch-writer';
import { deriveSummary, recountSummary } from './dynamodb/current-summary';
import { CorruptStateError, edgeError, StateStoreError } from './dynamodb/errors';
import { createHeadStore, type Head, type HeadStore } from './dynamodb/head';
import {
  currentItem,
  discoveredItem,
  gunzipJson,
  keptSourceItem,
  pendingNoticeItem,
  runItem,
  sentNoticeItem,
  snapshotItem,
  sourceItems,
  storedRecord,
  storedVersion,
  versionItem,
} from './dynamodb/item-codec';
import { journalChunkKey, journalItems, readJournal } from './dynamodb/journal';
import { createSourceStateReader, type SourceStateReader } from './dynamodb/source-states';
import { createTableClient, type TableClient } from './dynamodb/table-client';
import {
  CHANGES,
  canonicalTimestamp,
  describeKey,
  type Item,
  itemKey,
  keyNames,
  PK,
  STATE_TABLE_SCHEMA,
  VERSION_PREFIX,
} from './dynamodb/table-schema';
import { ensureStateTable } from './dynamodb/table-setup';
import { approximateItemSize, DYNAMODB_MAX_ITEM_BYTES } from './dynamodb-item-size';

export { MAX_INLINE_OUTPUT_BYTES } from './dynamodb/item-codec';
export { STATE_TABLE_SCHEMA } from './dynamodb/table-schema';

/**
 * The state store on one DynamoDB table (single-table design; the items are listed in
 * dynamodb/table-schema.ts). So "all current records" is one Query on `pk = CURRENT`, "all versions
 * of a project" one Query on `pk = PROJECT#<id>`, and "changes since T" one Query on gsi1. A commit
 * is journalled and applied under the lease (dynamodb/journal.ts, dynamodb/head.ts), so it is
 * written completely or not at all.
 */

export interface DynamoDbStateStoreOptions {
  /** A plain client (wrapped here) or a document client used as is (its marshalling options are the caller's). */
  readonly client: DynamoDBClient | DynamoDBDocumentClient;
  readonly tableName: string;
  /** Create the table (and wait for it) before the first operation; for local runs, never in production. */
  readonly createTableIfMissing?: boolean;
  /** How long to wait between retries; injectable so tests do not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** BatchWriteItem attempts per batch before giving up on unprocessed items (default 8). */
  readonly maxBatchAttempts?: number;
  /** Backoff between BatchWriteItem attempts: base × 2^(attempt-1), capped (defaults 100 ms, 5 s). */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** BatchWriteItem calls in flight at once (default 4). */
  readonly writeConcurrency?: number;
  /** Query page size (Limit); by default DynamoDB's 1 MB pages. Small values exercise pagination. */
  readonly pageSize?: number;
  /** The wall clock the lease is counted on; never the run's `--now`. */
  readonly clock?: () => Date;
  /** Whether a lease's holder is known to be dead, so its lease is taken over before it expires. */
  readonly holderIsGone?: (holder: string) => boolean;
  readonly logger?: Logger;
}

export interface DynamoDbStateStore extends StateStore {
  /** Creates the table if it is missing and waits until it (and gsi1) is ACTIVE. Idempotent. */
  ensureTable(): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDynamoDbStateStore(options: DynamoDbStateStoreOptions): DynamoDbStateStore {
  return new DynamoDbState(options);
}

/** The current records' summary as counted from the records, and at which head revision. */
interface CountedSummary {
  readonly rev: number;
  readonly summary: CurrentSummary;
}

/**
 * The store's operations are its own properties (arrow functions), so a caller may spread it to
 * wrap one of them (`{ ...state, loadPublication }`) as with any other StateStore.
 */
export class DynamoDbState implements DynamoDbStateStore {
  private readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: () => Date;
  private readonly table: TableClient;
  private readonly head: HeadStore;
  private readonly sources: SourceStateReader;
  /** The table being made ready (createTableIfMissing), shared by the calls that wait for it. */
  private tableReady: Promise<void> | null = null;
  /**
   * The summary counted from the records when the head had none: the commit of the same run derives
   * the next one from it instead of counting them again.
   */
  private counted: CountedSummary | null = null;

  constructor(private readonly options: DynamoDbStateStoreOptions) {
    this.tableName = options.tableName;
    this.sleep = options.sleep ?? defaultSleep;
    this.clock = options.clock ?? (() => new Date());
    this.doc =
      options.client instanceof DynamoDBDocumentClient
        ? options.client
        : DynamoDBDocumentClient.from(options.client, {
            // Nulls are kept as NULL (records have many null fields); numbers come back as JS numbers.
            marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
            unmarshallOptions: { wrapNumbers: false },
          });
    this.table = createTableClient(this.doc, this.tableName, () => this.ready(), options.pageSize);
    this.head = createHeadStore(this.table, this.clock, options.holderIsGone);
    this.sources = createSourceStateReader(this.table);
  }

  readonly ensureTable = (): Promise<void> => ensureStateTable(this.doc, this.tableName, this.sleep);

  readonly acquireLease = async (holder: string, ttlSeconds: number): Promise<void> => {
    await this.ready();
    const taken = await this.head.acquire(holder, ttlSeconds);
    // A commit a crashed run journalled but did not finish applying is finished first.
    await this.applyJournal(holder, taken);
  };

  readonly releaseLease = async (holder: string): Promise<void> => {
    await this.ready();
    await this.head.release(holder);
  };

  readonly loadCurrent = async (): Promise<ProjectRecord[]> => {
    const items = await this.table.queryPartition(PK.current);
    return items.map((item) => {
      const what = `${this.tableName}: item ${describeKey(item)}`;
      const record = this.table.parse(projectRecordSchema, storedRecord(item, what), item);
      if (record.id !== item[STATE_TABLE_SCHEMA.sortKey]) {
        throw new CorruptStateError(`${what} holds the record of ${record.id}`);
      }
      return record;
    });
  };

  readonly loadCurrentSummary = async (): Promise<CurrentSummary> => {
    const seen = await this.head.read();
    if (seen?.summary) return seen.summary;
    // A state from before the summary was kept (or last written by a version without it).
    const summary = summariseRecords(await this.loadCurrent());
    this.counted = seen?.journal ? null : { rev: seen?.rev ?? 0, summary };
    return summary;
  };

  readonly loadVersions = async (id: string): Promise<ProjectVersion[]> => {
    const items = await this.table.queryPartition(PK.project(id), { skPrefix: VERSION_PREFIX });
    return items.map((item) => this.parseVersion(item));
  };

  readonly loadChangesSince = async (since: string, limit?: number): Promise<ProjectVersion[]> => {
    const { index } = STATE_TABLE_SCHEMA;
    // With a limit, read on until the versions of the last timestamp kept are all in: the caller
    // orders ties its own way, so a cut inside one timestamp would pick the wrong ones.
    const enough = (items: readonly Item[]) =>
      limit !== undefined &&
      items.length > limit &&
      String(items.at(-1)?.changedAt) !== String(items[limit - 1]?.changedAt);
    // gsi1 is eventually consistent (GSIs cannot be read consistently): a version committed a
    // moment ago may be missing in AWS. Changes feeds are read long after the commit.
    const items = await this.table.query(
      {
        IndexName: index.name,
        KeyConditionExpression: '#gpk = :c AND #gsk >= :since',
        ExpressionAttributeNames: { '#gpk': index.partitionKey, '#gsk': index.sortKey },
        ExpressionAttributeValues: { ':c': CHANGES, ':since': canonicalTimestamp(since, 'since') },
        ScanIndexForward: false,
        ...(limit === undefined ? {} : { Limit: Math.max(1, limit + 1) }),
      },
      enough,
    );
    const versions = items.map((item) => this.parseVersion(item));
    if (limit === undefined || versions.length <= limit) return versions;
    const boundary = versions[limit - 1]?.changedAt;
    return versions.filter((v, i) => i < limit || v.changedAt === boundary);
  };

  readonly loadSourceStates = (): Promise<StoredSourceState[]> => this.sources.load();

  readonly loadSourceOutput = (state: StoredSourceState): Promise<SourceOutput | null> =>
    this.sources.loadOutput(state);

  readonly loadPublication = async (): Promise<Publication | null> =>
    (await this.head.read())?.publication ?? null;

  readonly loadSnapshots = async (): Promise<SnapshotEntry[]> => {
    const items = await this.table.queryPartition(PK.snapshot);
    return items
      .map((item) => this.table.parse(snapshotEntrySchema, item.entry, item))
      .sort((a, b) => compareBy(a.createdAt, b.createdAt) || (a.id < b.id ? -1 : 1));
  };

  readonly loadDiscovered = async (): Promise<DiscoveredRelease[]> => {
    const items = await this.table.queryPartition(PK.discovered);
    return items
      .map((item) => this.table.parse(discoveredReleaseSchema, item.release, item))
      .sort((a, b) => compareBy(a.firstSeenAt, b.firstSeenAt) || (a.sourceId < b.sourceId ? -1 : 1));
  };

  readonly loadLastRun = async (): Promise<LastRun | null> => {
    // Run items sort by `<startedAt>#<runId>`: the last one in the partition is the latest run.
    const items = await this.table.query(
      {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': keyNames['#pk'] },
        ExpressionAttributeValues: { ':pk': PK.run },
        ConsistentRead: true,
        ScanIndexForward: false,
        Limit: 1,
      },
      (found) => found.length > 0,
    );
    const item = items[0];
    return item
      ? this.table.parse(lastRunSchema, { runId: item.runId, startedAt: item.startedAt }, item)
      : null;
  };

  readonly loadPendingNotices = async (): Promise<AwardNotice[]> => {
    const items = await this.table.queryPartition(PK.pendingNotice);
    return items.map((item) => {
      const bytes = this.table.parse(z.instanceof(Uint8Array), item.notice, item);
      const json = gunzipJson(bytes, `${this.tableName}: item ${describeKey(item)}`);
      return this.table.parse(noticeSchema, json, item) as AwardNotice;
    });
  };

  readonly commit = async (change: StateCommit, holder: string): Promise<void> => {
    const items = commitItems(change, this.sources);
    const next = await this.summaryAfter(change);
    const journal = await journalItems(change.run.runId, items, this.clock());
    await this.write(journal.chunks, `journal of ${change.run.runId}`);
    // The commit point: from here on the commit is applied, by this run or by the next.
    const committed = await this.head.update(holder, (h) => ({
      ...h,
      journal: journal.ref,
      publication: change.publication ?? h.publication,
      // Derived from the head as read before; if it changed since, unknown (the next run counts).
      summary: h.rev === next.rev ? next.summary : null,
    }));
    this.counted = null;
    await this.applyJournal(holder, committed, items);
  };

  readonly markPublished = async (runId: string, holder: string): Promise<void> => {
    await this.head.update(holder, (h) =>
      h.publication?.runId === runId ? { ...h, publication: { ...h.publication, status: 'done' } } : h,
    );
  };

  readonly markNoticeSent = async (runId: string, holder: string): Promise<void> => {
    const pending = (await this.loadPendingNotices()).find((n) => n.runId === runId);
    if (!pending) return;
    // Still ours? A run that lost the lease leaves the notice to the run that holds it.
    await this.head.update(holder, (h) => h);
    const { doc, tableName } = this;
    try {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: sentNoticeItem(pending, this.clock().toISOString()) }),
      );
      await doc.send(new DeleteCommand({ TableName: tableName, Key: itemKey(PK.pendingNotice, runId) }));
    } catch (err) {
      throw edgeError(`marking the notice of ${runId} sent in ${tableName}`, err);
    }
  };

  /** Resolves once the table exists, when this store creates it; a failure lets the next call try again. */
  private ready(): Promise<void> {
    if (!this.options.createTableIfMissing) return Promise.resolve();
    this.tableReady ??= this.ensureTable().catch((err: unknown) => {
      this.tableReady = null;
      throw err;
    });
    return this.tableReady;
  }

  private write(items: readonly Item[], what: string): Promise<void> {
    const { options } = this;
    return writeItems(this.doc, this.tableName, items, what, {
      sleep: this.sleep,
      ...(options.maxBatchAttempts === undefined ? {} : { maxAttempts: options.maxBatchAttempts }),
      ...(options.backoffBaseMs === undefined ? {} : { backoffBaseMs: options.backoffBaseMs }),
      ...(options.backoffMaxMs === undefined ? {} : { backoffMaxMs: options.backoffMaxMs }),
      ...(options.writeConcurrency === undefined ? {} : { concurrency: options.writeConcurrency }),
    });
  }

  private parseVersion(item: Item): ProjectVersion {
    const what = `${this.tableName}: item ${describeKey(item)}`;
    return this.table.parse(projectVersionSchema, storedVersion(item, what), item);
  }

  /** The summary the commit sets, and the head revision it was derived at. */
  private async summaryAfter(change: StateCommit): Promise<CountedSummary> {
    const seen = await this.head.read();
    const rev = seen?.rev ?? 0;
    const before = seen?.summary ?? (this.counted?.rev === rev ? this.counted.summary : null);
    const summary = deriveSummary(before, change) ?? recountSummary(await this.loadCurrent(), change.records);
    return { rev, summary };
  }

  /**
   * Writes the items of the journal the head names, then clears it: the end of a commit. The run
   * that wrote the journal passes its items; any other run reads them back from the table.
   */
  private async applyJournal(holder: string, seen: Head, written?: readonly Item[]): Promise<void> {
    if (!seen.journal) return;
    const journal = seen.journal;
    const items = written ?? (await readJournal(this.table, journal));
    await this.write(items, `state commit of ${journal.runId}`);
    await this.head.update(holder, (h) => ({ ...h, journal: null }));
    // Applied: the journal is no longer needed (TTL would tidy it in AWS; dynalite has no TTL).
    for (let n = 0; n < journal.chunks; n++) {
      try {
        await this.doc.send(
          new DeleteCommand({ TableName: this.tableName, Key: journalChunkKey(journal.runId, n) }),
        );
      } catch (err) {
        this.options.logger?.warn('could not delete an applied commit journal; TTL removes it later', {
          runId: journal.runId,
          error: edgeError('deleting a journal chunk', err).message,
        });
        return;
      }
    }
  }
}

/** -1, 1, or 0 when equal (then the caller's next key decides). */
function compareBy(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every item of a commit, each labelled for the messages that name it. */
function labelledItems(change: StateCommit, sources: SourceStateReader): { item: Item; what: string }[] {
  return [
    ...change.versions.map((v) => ({ item: versionItem(v), what: `project ${v.id} version ${v.version}` })),
    ...change.records.map((r) => ({ item: currentItem(r), what: `project ${r.id} (current record)` })),
    ...change.sourceStates.flatMap((s) =>
      sourceItems(s, s.output ? sources.storedFields(s.output) : undefined).map((item) => ({
        item,
        what: `source ${s.id}`,
      })),
    ),
    ...(change.keptSourceStates ?? []).map((s) => {
      const stored = s.summary ? sources.storedFields(s.summary) : null;
      if (stored === undefined) {
        throw new StateStoreError(
          `source ${s.id} is kept with an output this store did not load, so it cannot point at it; nothing was written`,
        );
      }
      return { item: keptSourceItem(s, stored), what: `source ${s.id}` };
    }),
    ...change.snapshots.map((s) => ({ item: snapshotItem(s), what: `snapshot ${s.id}` })),
    ...(change.discovered ?? []).map((d) => ({
      item: discoveredItem(d),
      what: `discovered release ${d.sourceId}`,
    })),
    ...(change.notice
      ? [{ item: pendingNoticeItem(change.notice), what: `the award notice of ${change.run.runId}` }]
      : []),
    { item: runItem(change.run), what: `run ${change.run.runId}` },
  ];
}

/** Every item of a commit, each checked against DynamoDB's limits before anything is written. */
function commitItems(change: StateCommit, sources: SourceStateReader): Item[] {
  const labelled = labelledItems(change, sources);
  const seen = new Map<string, string>();
  for (const { item, what } of labelled) {
    const key = describeKey(item);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new StateLimitError(
        `state commit has two items for the same key (${what} and ${earlier}); nothing was written`,
      );
    }
    seen.set(key, what);
    const size = approximateItemSize(item);
    if (size > DYNAMODB_MAX_ITEM_BYTES) {
      throw new StateLimitError(
        `${what} is about ${size} bytes, above DynamoDB's ${DYNAMODB_MAX_ITEM_BYTES}-byte item limit; nothing was written`,
      );
    }
  }
  return labelled.map((l) => l.item);
}

const lastRunSchema = z.object({ runId: z.string(), startedAt: z.string() });

const noticeSchema = z.object({
  runId: z.string(),
  subject: z.string(),
  text: z.string(),
  awards: z.array(projectRecordSchema),
});
