import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { StateLimitError } from '../core/errors';
import { type CurrentSummary, summariseRecords } from '../core/model/current-summary';
import { type DiscoveredRelease, discoveredReleaseSchema } from '../core/model/discovered-release';
import { type ProjectVersion, projectVersionSchema } from '../core/model/history';
import { type ProjectRecord, projectRecordSchema } from '../core/model/project';
import { type SnapshotEntry, snapshotEntrySchema } from '../core/model/snapshot';
import type { AwardNotice, LastRun, Logger, StateCommit, StateStore } from '../core/ports';
import { writeItems } from './dynamodb/batch-writer';
import { deriveSummary, recountSummary } from './dynamodb/current-summary';
import { CorruptStateError, edgeError, StateStoreError } from './dynamodb/errors';
import { createHeadStore, type Head } from './dynamodb/head';
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
import { createSourceStateReader } from './dynamodb/source-states';
import { createTableClient } from './dynamodb/table-client';
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
  const { tableName } = options;
  const sleep = options.sleep ?? defaultSleep;
  const clock = options.clock ?? (() => new Date());
  const doc =
    options.client instanceof DynamoDBDocumentClient
      ? options.client
      : DynamoDBDocumentClient.from(options.client, {
          // Nulls are kept as NULL (records have many null fields); numbers come back as JS numbers.
          marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
          unmarshallOptions: { wrapNumbers: false },
        });

  let tableReady: Promise<void> | null = null;
  const ensureTable = () => ensureStateTable(doc, tableName, sleep);
  const ready = (): Promise<void> => {
    if (!options.createTableIfMissing) return Promise.resolve();
    tableReady ??= ensureTable().catch((err: unknown) => {
      tableReady = null; // let the next call try again
      throw err;
    });
    return tableReady;
  };
  const table = createTableClient(doc, tableName, ready, options.pageSize);
  const head = createHeadStore(table, clock, options.holderIsGone);
  const sources = createSourceStateReader(table);
  // The summary counted from the records when the head had none, and at which head revision: the
  // commit of the same run derives the next one from it instead of counting them again.
  let counted: { rev: number; summary: CurrentSummary } | null = null;
  const write = (items: readonly Item[], what: string) =>
    writeItems(doc, tableName, items, what, {
      sleep,
      ...(options.maxBatchAttempts === undefined ? {} : { maxAttempts: options.maxBatchAttempts }),
      ...(options.backoffBaseMs === undefined ? {} : { backoffBaseMs: options.backoffBaseMs }),
      ...(options.backoffMaxMs === undefined ? {} : { backoffMaxMs: options.backoffMaxMs }),
      ...(options.writeConcurrency === undefined ? {} : { concurrency: options.writeConcurrency }),
    });

  /**
   * Writes the items of the journal the head names, then clears it: the end of a commit. The run
   * that wrote the journal passes its items; any other run reads them back from the table.
   */
  async function applyJournal(holder: string, seen: Head, written?: readonly Item[]): Promise<void> {
    if (!seen.journal) return;
    const journal = seen.journal;
    const items = written ?? (await readJournal(table, journal));
    await write(items, `state commit of ${journal.runId}`);
    await head.update(holder, (h) => ({ ...h, journal: null }));
    // Applied: the journal is no longer needed (TTL would tidy it in AWS; dynalite has no TTL).
    for (let n = 0; n < journal.chunks; n++) {
      try {
        await doc.send(new DeleteCommand({ TableName: tableName, Key: journalChunkKey(journal.runId, n) }));
      } catch (err) {
        options.logger?.warn('could not delete an applied commit journal; TTL removes it later', {
          runId: journal.runId,
          error: edgeError('deleting a journal chunk', err).message,
        });
        return;
      }
    }
  }

  async function loadCurrent(): Promise<ProjectRecord[]> {
    const items = await table.queryPartition(PK.current);
    return items.map((item) => {
      const record = table.parse(
        projectRecordSchema,
        storedRecord(item, `${tableName}: item ${describeKey(item)}`),
        item,
      );
      if (record.id !== item[STATE_TABLE_SCHEMA.sortKey]) {
        throw new CorruptStateError(
          `${tableName}: item ${describeKey(item)} holds the record of ${record.id}`,
        );
      }
      return record;
    });
  }

  async function loadVersions(id: string): Promise<ProjectVersion[]> {
    const items = await table.queryPartition(PK.project(id), { skPrefix: VERSION_PREFIX });
    return items.map((item) => parseVersion(item));
  }

  function parseVersion(item: Item): ProjectVersion {
    return table.parse(
      projectVersionSchema,
      storedVersion(item, `${tableName}: item ${describeKey(item)}`),
      item,
    );
  }

  async function loadChangesSince(since: string, limit?: number): Promise<ProjectVersion[]> {
    const { index } = STATE_TABLE_SCHEMA;
    // With a limit, read on until the versions of the last timestamp kept are all in: the caller
    // orders ties its own way, so a cut inside one timestamp would pick the wrong ones.
    const enough = (items: readonly Item[]) =>
      limit !== undefined &&
      items.length > limit &&
      String(items.at(-1)?.changedAt) !== String(items[limit - 1]?.changedAt);
    // gsi1 is eventually consistent (GSIs cannot be read consistently): a version committed a
    // moment ago may be missing in AWS. Changes feeds are read long after the commit.
    const items = await table.query(
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
    const versions = items.map((item) => parseVersion(item));
    if (limit === undefined || versions.length <= limit) return versions;
    const boundary = versions[limit - 1]?.changedAt;
    return versions.filter((v, i) => i < limit || v.changedAt === boundary);
  }

  async function loadCurrentSummary(): Promise<CurrentSummary> {
    const seen = await head.read();
    if (seen?.summary) return seen.summary;
    // A state from before the summary was kept (or last written by a version without it).
    const summary = summariseRecords(await loadCurrent());
    counted = seen?.journal ? null : { rev: seen?.rev ?? 0, summary };
    return summary;
  }

  /** The summary the commit sets, and the head revision it was derived at. */
  async function summaryAfter(change: StateCommit): Promise<{ rev: number; summary: CurrentSummary }> {
    const seen = await head.read();
    const rev = seen?.rev ?? 0;
    const before = seen?.summary ?? (counted?.rev === rev ? counted.summary : null);
    const summary = deriveSummary(before, change) ?? recountSummary(await loadCurrent(), change.records);
    return { rev, summary };
  }

  async function loadSnapshots(): Promise<SnapshotEntry[]> {
    const items = await table.queryPartition(PK.snapshot);
    return items
      .map((item) => table.parse(snapshotEntrySchema, item.entry, item))
      .sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
      );
  }

  async function loadDiscovered(): Promise<DiscoveredRelease[]> {
    const items = await table.queryPartition(PK.discovered);
    return items
      .map((item) => table.parse(discoveredReleaseSchema, item.release, item))
      .sort((a, b) =>
        a.firstSeenAt < b.firstSeenAt
          ? -1
          : a.firstSeenAt > b.firstSeenAt
            ? 1
            : a.sourceId < b.sourceId
              ? -1
              : 1,
      );
  }

  async function loadLastRun(): Promise<LastRun | null> {
    // Run items sort by `<startedAt>#<runId>`: the last one in the partition is the latest run.
    const items = await table.query(
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
    return item ? table.parse(lastRunSchema, { runId: item.runId, startedAt: item.startedAt }, item) : null;
  }

  async function loadPendingNotices(): Promise<AwardNotice[]> {
    const items = await table.queryPartition(PK.pendingNotice);
    return items.map((item) => {
      const bytes = table.parse(z.instanceof(Uint8Array), item.notice, item);
      return table.parse(
        noticeSchema,
        gunzipJson(bytes, `${tableName}: item ${describeKey(item)}`),
        item,
      ) as AwardNotice;
    });
  }

  /** Every item of a commit, each checked against DynamoDB's limits before anything is written. */
  function commitItems(change: StateCommit): Item[] {
    const labelled: { item: Item; what: string }[] = [
      ...change.versions.map((v) => ({ item: versionItem(v), what: `project ${v.id} version ${v.version}` })),
      ...change.records.map((r) => ({ item: currentItem(r), what: `project ${r.id} (current record)` })),
      ...change.sourceStates.flatMap((s) =>
        sourceItems(s, s.output ? sources.storedFields(s.output) : undefined).map((item) => ({
          item,
          what: `source ${s.id}`,
        })),
      ),
      ...(change.keptSourceStates ?? []).map((s) => {
        const stored = s.output ? sources.storedFields(s.output) : null;
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

  async function commit(change: StateCommit, holder: string): Promise<void> {
    const items = commitItems(change);
    const next = await summaryAfter(change);
    const journal = await journalItems(change.run.runId, items, clock());
    await write(journal.chunks, `journal of ${change.run.runId}`);
    // The commit point: from here on the commit is applied, by this run or by the next.
    const committed = await head.update(holder, (h) => ({
      ...h,
      journal: journal.ref,
      publication: change.publication ?? h.publication,
      // Derived from the head as read before; if it changed since, unknown (the next run counts).
      summary: h.rev === next.rev ? next.summary : null,
    }));
    counted = null;
    await applyJournal(holder, committed, items);
  }

  async function markPublished(runId: string, holder: string): Promise<void> {
    await head.update(holder, (h) =>
      h.publication?.runId === runId ? { ...h, publication: { ...h.publication, status: 'done' } } : h,
    );
  }

  async function markNoticeSent(runId: string, holder: string): Promise<void> {
    const pending = (await loadPendingNotices()).find((n) => n.runId === runId);
    if (!pending) return;
    // Still ours? A run that lost the lease leaves the notice to the run that holds it.
    await head.update(holder, (h) => h);
    try {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: sentNoticeItem(pending, clock().toISOString()) }),
      );
      await doc.send(new DeleteCommand({ TableName: tableName, Key: itemKey(PK.pendingNotice, runId) }));
    } catch (err) {
      throw edgeError(`marking the notice of ${runId} sent in ${tableName}`, err);
    }
  }

  return {
    ensureTable,
    async acquireLease(holder, ttlSeconds) {
      await ready();
      const taken = await head.acquire(holder, ttlSeconds);
      // A commit a crashed run journalled but did not finish applying is finished first.
      await applyJournal(holder, taken);
    },
    async releaseLease(holder) {
      await ready();
      await head.release(holder);
    },
    loadCurrent,
    loadCurrentSummary,
    loadVersions,
    loadChangesSince,
    loadSourceStates: sources.load,
    loadSourceOutput: sources.loadOutput,
    async loadPublication() {
      return (await head.read())?.publication ?? null;
    },
    loadSnapshots,
    loadDiscovered,
    loadLastRun,
    loadPendingNotices,
    commit,
    markPublished,
    markNoticeSent,
  };
}

const lastRunSchema = z.object({ runId: z.string(), startedAt: z.string() });

const noticeSchema = z.object({
  runId: z.string(),
  subject: z.string(),
  text: z.string(),
  awards: z.array(projectRecordSchema),
});
