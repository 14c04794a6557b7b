import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { LeaseHeldError } from '../core/errors';
import { type ProjectVersion, projectVersionSchema } from '../core/model/history';
import { type ProjectRecord, projectRecordSchema } from '../core/model/project';
import type { RunReport } from '../core/model/run-report';
import { sourceOutputSchema } from '../core/model/source-output';
import type { Logger, SourceState, StateCommit, StateStore } from '../core/ports';
import { approximateItemSize, DYNAMODB_MAX_ITEM_BYTES } from './dynamodb-item-size';

/**
 * The state store on one DynamoDB table (single-table design).
 *
 * | item                  | pk                | sk                               | other attributes                      |
 * |-----------------------|-------------------|----------------------------------|---------------------------------------|
 * | current record        | `CURRENT`         | `<project id>`                   | `record` (the ProjectRecord)          |
 * | version               | `PROJECT#<id>`    | `V#<version, 6 digits>`          | the ProjectVersion; `gsi1pk`=`CHANGES`, `gsi1sk`=`<changedAt>#<id>#<version, 6 digits>` |
 * | run                   | `RUN`             | `<startedAt>#<runId>`            | the RunReport                         |
 * | source state          | `SOURCE`          | `<source id>`                    | the SourceState, `output` gzip'd JSON (Binary) or null |
 * | lease                 | `LEASE`           | `harvest`                        | `runId`, `expiresAt` (epoch s, TTL)   |
 *
 * So "all current records" is one Query on `pk = CURRENT`, "all versions of a project" one Query on
 * `pk = PROJECT#<id>`, and "changes since T" one Query on gsi1 (`gsi1pk = CHANGES AND gsi1sk >= T`,
 * newest first). Key names are a contract with the CDK stack (see STATE_TABLE_SCHEMA).
 */

/**
 * The table's key schema: the same names and shape as STATE_TABLE_SCHEMA in
 * infra/constructs/state-table.ts (the CDK stack), which is not imported here to keep aws-cdk-lib
 * out of the Lambda bundle. Renaming any of them is a data migration.
 */
export const STATE_TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  index: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ttlAttribute: 'expiresAt',
} as const;

const PK = {
  current: 'CURRENT',
  run: 'RUN',
  source: 'SOURCE',
  lease: 'LEASE',
  project: (id: string) => `PROJECT#${id}`,
} as const;
const LEASE_SK = 'harvest';
const CHANGES = 'CHANGES';
const VERSION_PREFIX = 'V#';

/** BatchWriteItem accepts at most 25 requests. */
const BATCH_SIZE = 25;
/**
 * A source's compressed output above this is not kept (stored as null): the item must stay
 * below DynamoDB's 400 KB limit with room for the other attributes.
 */
export const MAX_COMPRESSED_OUTPUT_BYTES = 350 * 1024;
const OUTPUT_ENCODING = 'gzip+json';

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
  /** Query page size (Limit); by default DynamoDB's 1 MB pages. Small values exercise pagination. */
  readonly pageSize?: number;
  readonly logger?: Logger;
}

export interface DynamoDbStateStore extends StateStore {
  /** Creates the table if it is missing and waits until it (and gsi1) is ACTIVE. Idempotent. */
  ensureTable(): Promise<void>;
}

type Item = Record<string, unknown>;
type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

const leaseItemSchema = z.object({ runId: z.string().min(1), expiresAt: z.number() });

const sourceStateSchema = z.object({
  id: z.string(),
  url: z.string(),
  sha256: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  fetchedAt: z.string(),
  output: sourceOutputSchema.nullable(),
});

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDynamoDbStateStore(options: DynamoDbStateStoreOptions): DynamoDbStateStore {
  const { tableName } = options;
  const sleep = options.sleep ?? defaultSleep;
  const maxBatchAttempts = Math.max(1, options.maxBatchAttempts ?? 8);
  const backoffBaseMs = options.backoffBaseMs ?? 100;
  const backoffMaxMs = options.backoffMaxMs ?? 5_000;
  const doc =
    options.client instanceof DynamoDBDocumentClient
      ? options.client
      : DynamoDBDocumentClient.from(options.client, {
          // Nulls are kept as NULL (records have many null fields); numbers come back as JS numbers.
          marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
          unmarshallOptions: { wrapNumbers: false },
        });

  let tableReady: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    if (!options.createTableIfMissing) return Promise.resolve();
    tableReady ??= ensureTable().catch((err: unknown) => {
      tableReady = null; // let the next call try again
      throw err;
    });
    return tableReady;
  };

  // ---------------------------------------------------------------- table

  async function describeTable(): Promise<TableDescription | null> {
    try {
      const out = await doc.send(new DescribeTableCommand({ TableName: tableName }));
      return out.Table ?? null;
    } catch (err) {
      if (errorName(err) === 'ResourceNotFoundException') return null;
      throw edgeError(`describing table ${tableName}`, err);
    }
  }

  async function ensureTable(): Promise<void> {
    const { partitionKey, sortKey, index: gsi1, ttlAttribute } = STATE_TABLE_SCHEMA;
    if ((await describeTable()) === null) {
      try {
        await doc.send(
          new CreateTableCommand({
            TableName: tableName,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [
              { AttributeName: partitionKey, AttributeType: 'S' },
              { AttributeName: sortKey, AttributeType: 'S' },
              { AttributeName: gsi1.partitionKey, AttributeType: 'S' },
              { AttributeName: gsi1.sortKey, AttributeType: 'S' },
            ],
            KeySchema: [
              { AttributeName: partitionKey, KeyType: 'HASH' },
              { AttributeName: sortKey, KeyType: 'RANGE' },
            ],
            GlobalSecondaryIndexes: [
              {
                IndexName: gsi1.name,
                KeySchema: [
                  { AttributeName: gsi1.partitionKey, KeyType: 'HASH' },
                  { AttributeName: gsi1.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              },
            ],
          }),
        );
      } catch (err) {
        // Someone else created it in the meantime: fine, wait for it like for our own.
        if (errorName(err) !== 'ResourceInUseException') throw edgeError(`creating table ${tableName}`, err);
      }
    }

    let table: TableDescription | null = null;
    for (let attempt = 0; ; attempt++) {
      table = await describeTable();
      const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
      if (table?.TableStatus === 'ACTIVE' && indexesActive) break;
      if (attempt >= 120) {
        throw new Error(
          `table ${tableName} did not become ACTIVE (last status ${table?.TableStatus ?? 'missing'})`,
        );
      }
      await sleep(Math.min(1_000, 25 * 2 ** attempt));
    }

    // An existing table with other key names would fail much later and more confusingly.
    const keyOf = (schema: TableDescription['KeySchema'], type: 'HASH' | 'RANGE') =>
      schema?.find((k) => k.KeyType === type)?.AttributeName;
    const index = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === gsi1.name);
    if (
      keyOf(table.KeySchema, 'HASH') !== partitionKey ||
      keyOf(table.KeySchema, 'RANGE') !== sortKey ||
      keyOf(index?.KeySchema, 'HASH') !== gsi1.partitionKey ||
      keyOf(index?.KeySchema, 'RANGE') !== gsi1.sortKey
    ) {
      throw new Error(
        `table ${tableName} exists with another key schema; expected ${partitionKey}/${sortKey} and index ` +
          `${gsi1.name} on ${gsi1.partitionKey}/${gsi1.sortKey}`,
      );
    }

    // TTL only tidies expired leases; acquireLease checks expiry itself. dynalite has no UpdateTimeToLive.
    try {
      const ttl = await doc.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
      if (status !== 'ENABLED' && status !== 'ENABLING') {
        await doc.send(
          new UpdateTimeToLiveCommand({
            TableName: tableName,
            TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
          }),
        );
      }
    } catch (err) {
      if (errorName(err) !== 'UnknownOperationException')
        throw edgeError(`enabling TTL on ${tableName}`, err);
    }
  }

  // ---------------------------------------------------------------- reads

  async function queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<Item[]> {
    await ready();
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      let out: QueryCommandOutput;
      try {
        out = await doc.send(
          new QueryCommand({
            ...input,
            TableName: tableName,
            ExclusiveStartKey: startKey,
            ...(options.pageSize ? { Limit: options.pageSize } : {}),
          }),
        );
      } catch (err) {
        throw edgeError(`querying ${tableName}`, err);
      }
      items.push(...((out.Items ?? []) as Item[]));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  function parseItem<S extends z.ZodType>(schema: S, value: unknown, item: Item): z.infer<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new Error(`${tableName}: item ${describeKey(item)} is corrupted: ${problems}`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  async function loadCurrent(): Promise<ProjectRecord[]> {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PK.current },
      ConsistentRead: true,
    });
    return items.map((item) => {
      const record = parseItem(projectRecordSchema, item.record, item);
      if (record.id !== item.sk) {
        throw new Error(`${tableName}: item ${describeKey(item)} holds the record of ${record.id}`);
      }
      return record;
    });
  }

  async function loadVersions(id: string): Promise<ProjectVersion[]> {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': PK.project(id), ':v': VERSION_PREFIX },
      ConsistentRead: true,
      ScanIndexForward: true,
    });
    return items.map((item) => parseItem(projectVersionSchema, stripKeys(item), item));
  }

  async function loadChangesSince(since: string): Promise<ProjectVersion[]> {
    // gsi1 is eventually consistent (GSIs cannot be read consistently): a version committed a
    // moment ago may be missing in AWS. Changes feeds are read long after the commit.
    const items = await queryAll({
      IndexName: STATE_TABLE_SCHEMA.index.name,
      KeyConditionExpression: 'gsi1pk = :c AND gsi1sk >= :since',
      ExpressionAttributeValues: { ':c': CHANGES, ':since': canonicalTimestamp(since, 'since') },
      ScanIndexForward: false,
    });
    return items.map((item) => parseItem(projectVersionSchema, stripKeys(item), item));
  }

  async function loadSourceStates(): Promise<SourceState[]> {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PK.source },
      ConsistentRead: true,
    });
    return items.map((item) => {
      const { output, outputEncoding: _encoding, outputDroppedBytes: _dropped, ...rest } = stripKeys(item);
      return parseItem(sourceStateSchema, { ...rest, output: decodeOutput(output, item) }, item);
    });
  }

  function decodeOutput(output: unknown, item: Item): unknown {
    if (output === null || output === undefined) return null;
    if (output instanceof Uint8Array) {
      try {
        return JSON.parse(gunzipSync(output).toString('utf8'));
      } catch (err) {
        throw new Error(
          `${tableName}: item ${describeKey(item)} has an unreadable output: ${messageOf(err)}`,
          {
            cause: err,
          },
        );
      }
    }
    return output; // an uncompressed map (written by hand): validated like the rest
  }

  // ---------------------------------------------------------------- writes

  function versionItem(version: ProjectVersion): Item {
    const sk = `${VERSION_PREFIX}${padVersion(version.version, version.id)}`;
    return {
      ...version,
      pk: PK.project(version.id),
      sk,
      gsi1pk: CHANGES,
      gsi1sk: `${canonicalTimestamp(version.changedAt, `version ${version.id}#${version.version} changedAt`)}#${version.id}#${padVersion(version.version, version.id)}`,
    };
  }

  function sourceItem(state: SourceState): Item {
    const { output, ...rest } = state;
    let stored: Uint8Array | null = null;
    let droppedBytes: number | undefined;
    if (output !== null) {
      const compressed = gzipSync(Buffer.from(JSON.stringify(output), 'utf8'));
      if (compressed.byteLength <= MAX_COMPRESSED_OUTPUT_BYTES) {
        stored = compressed;
      } else {
        droppedBytes = compressed.byteLength;
        options.logger?.warn('source output too large to keep; stored as null', {
          sourceId: state.id,
          compressedBytes: compressed.byteLength,
          limitBytes: MAX_COMPRESSED_OUTPUT_BYTES,
        });
      }
    }
    return {
      ...rest,
      pk: PK.source,
      sk: state.id,
      output: stored,
      outputEncoding: stored ? OUTPUT_ENCODING : null,
      ...(droppedBytes === undefined ? {} : { outputDroppedBytes: droppedBytes }),
    };
  }

  function runItem(run: RunReport): Item {
    return { ...run, pk: PK.run, sk: `${canonicalTimestampOrRaw(run.startedAt)}#${run.runId}` };
  }

  async function commit(change: StateCommit): Promise<void> {
    // Write order matters for crash safety: versions, then the current records pointing at them,
    // then source states, then the run record last. A crash midway leaves versions without a
    // current pointer (or current records with stale source states); the next run re-derives the
    // same changes from the pages and rewrites the same keys, so nothing is lost or duplicated,
    // and a run without its RUN item did not complete.
    const phases: { name: string; items: { item: Item; what: string }[] }[] = [
      {
        name: 'versions',
        items: change.versions.map((v) => ({
          item: versionItem(v),
          what: `project ${v.id} version ${v.version}`,
        })),
      },
      {
        name: 'current records',
        items: change.records.map((r) => ({
          item: { pk: PK.current, sk: r.id, record: r },
          what: `project ${r.id} (current record)`,
        })),
      },
      {
        name: 'source states',
        items: change.sourceStates.map((s) => ({ item: sourceItem(s), what: `source ${s.id}` })),
      },
      { name: 'run', items: [{ item: runItem(change.run), what: `run ${change.run.runId}` }] },
    ];

    // Check everything before writing anything.
    const seen = new Map<string, string>();
    for (const phase of phases) {
      for (const { item, what } of phase.items) {
        const key = `${String(item.pk)}\u0000${String(item.sk)}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          throw new Error(
            `state commit has two items for the same key (${what} and ${earlier}); nothing was written`,
          );
        }
        seen.set(key, what);
        const size = approximateItemSize(item);
        if (size > DYNAMODB_MAX_ITEM_BYTES) {
          throw new Error(
            `${what} is about ${size} bytes, above DynamoDB's ${DYNAMODB_MAX_ITEM_BYTES}-byte item limit; nothing was written`,
          );
        }
      }
    }

    await ready();
    let written = 0;
    for (const phase of phases) {
      for (let start = 0; start < phase.items.length; start += BATCH_SIZE) {
        const chunk = phase.items.slice(start, start + BATCH_SIZE).map(({ item }) => item);
        await writeBatch(chunk, phase.name, written);
        written += chunk.length;
      }
    }
  }

  async function writeBatch(items: Item[], phase: string, writtenBefore: number): Promise<void> {
    let pending: WriteRequests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; ; attempt++) {
      let unprocessed: WriteRequests;
      try {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        unprocessed = out.UnprocessedItems?.[tableName] ?? [];
      } catch (err) {
        throw edgeError(`state commit: writing ${phase} to ${tableName} (after ${writtenBefore} items)`, err);
      }
      if (unprocessed.length === 0) return;
      pending = unprocessed;
      if (attempt >= maxBatchAttempts) {
        throw new Error(
          `state commit: ${pending.length} of ${items.length} items (${phase}) stayed unprocessed after ` +
            `${attempt} BatchWriteItem attempts (${writtenBefore} items of this commit were written before)`,
        );
      }
      await sleep(Math.min(backoffMaxMs, backoffBaseMs * 2 ** (attempt - 1)));
    }
  }

  // ---------------------------------------------------------------- lease

  async function acquireLease(runId: string, now: Date, ttlSeconds: number): Promise<void> {
    if (runId.length === 0) throw new Error('acquireLease: runId is empty');
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
      throw new Error(`acquireLease: ttlSeconds must be positive, got ${ttlSeconds}`);
    }
    await ready();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const expiresAt = nowSeconds + Math.ceil(ttlSeconds);
    const key = { pk: PK.lease, sk: LEASE_SK };
    // Three tries: the holder may release or expire between our PutItem and our GetItem.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key, runId, expiresAt, acquiredAt: now.toISOString() },
            // TTL deletion is lazy (up to days late), so an expired item may still be there:
            // the condition checks expiry itself.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR runId = :runId',
            ExpressionAttributeValues: { ':now': nowSeconds, ':runId': runId },
          }),
        );
        return;
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw edgeError(`taking the lease in ${tableName}`, err);
        let holderItem: Item | undefined;
        try {
          const out = await doc.send(
            new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
          );
          holderItem = out.Item as Item | undefined;
        } catch (readErr) {
          throw edgeError(`reading the lease holder in ${tableName}`, readErr);
        }
        if (holderItem === undefined) continue; // released meanwhile
        const holder = parseItem(leaseItemSchema, holderItem, holderItem);
        if (holder.runId === runId || holder.expiresAt < nowSeconds) continue; // changed meanwhile
        const held = new LeaseHeldError(holder.runId, new Date(holder.expiresAt * 1000).toISOString());
        held.cause = err;
        throw held;
      }
    }
    throw new Error(`acquireLease: the lease in ${tableName} kept changing hands; try again`);
  }

  async function releaseLease(runId: string): Promise<void> {
    await ready();
    try {
      await doc.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { pk: PK.lease, sk: LEASE_SK },
          ConditionExpression: 'runId = :runId',
          ExpressionAttributeValues: { ':runId': runId },
        }),
      );
    } catch (err) {
      // Not ours (any more), or already gone: nothing to release.
      if (isConditionalCheckFailed(err)) return;
      throw edgeError(`releasing the lease in ${tableName}`, err);
    }
  }

  return {
    ensureTable,
    acquireLease,
    releaseLease,
    loadCurrent,
    loadVersions,
    loadChangesSince,
    loadSourceStates,
    commit,
  };
}

// ------------------------------------------------------------------ helpers

function padVersion(version: number, id: string): string {
  if (!Number.isInteger(version) || version < 1 || version > 999_999) {
    throw new Error(`project ${id}: version ${version} does not fit the 6-digit sort key`);
  }
  return String(version).padStart(6, '0');
}

/**
 * Timestamps in sort keys must compare as strings in time order; "…:00Z" and "…:00.500Z" do not
 * (the "." sorts before "Z"), so every timestamp in a key is normalised to milliseconds.
 */
function canonicalTimestamp(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`${what}: not an ISO timestamp: ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}

function canonicalTimestampOrRaw(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function stripKeys(item: Item): Item {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...rest } = item;
  return rest;
}

function describeKey(item: Item): string {
  return `pk=${JSON.stringify(item.pk)} sk=${JSON.stringify(item.sk)}`;
}

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isConditionalCheckFailed(err: unknown): boolean {
  return errorName(err) === 'ConditionalCheckFailedException';
}

/** An SDK failure with what we were doing; the SDK error stays as `cause`. */
function edgeError(doing: string, err: unknown): Error {
  return new Error(`DynamoDB: ${doing} failed: ${errorName(err) ?? 'Error'}: ${messageOf(err)}`, {
    cause: err,
  });
}
