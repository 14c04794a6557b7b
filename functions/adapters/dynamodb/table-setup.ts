import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { edgeError, errorName, StateStoreError, StateStoreUnavailableError } from './errors';
import { STATE_TABLE_SCHEMA } from './table-schema';

/**
 * Creates the table if it is missing and waits until it (and gsi1) is ACTIVE. Idempotent. For
 * local runs and tests only: in production the CDK stack owns the table.
 */
export async function ensureStateTable(
  doc: DynamoDBDocumentClient,
  tableName: string,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  if ((await describeTable(doc, tableName)) === null) await createTable(doc, tableName);
  const table = await waitUntilActive(doc, tableName, sleep);
  checkKeySchema(table, tableName);
  await enableTtl(doc, tableName);
}

async function describeTable(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Promise<TableDescription | null> {
  try {
    const out = await doc.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table ?? null;
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return null;
    throw edgeError(`describing table ${tableName}`, err);
  }
}

async function createTable(doc: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, index: gsi1 } = STATE_TABLE_SCHEMA;
  try {
    await doc.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [partitionKey, sortKey, gsi1.partitionKey, gsi1.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
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

async function waitUntilActive(
  doc: DynamoDBDocumentClient,
  tableName: string,
  sleep: (ms: number) => Promise<void>,
): Promise<TableDescription> {
  for (let attempt = 0; ; attempt++) {
    const table = await describeTable(doc, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (attempt >= 120) {
      throw new StateStoreUnavailableError(
        `table ${tableName} did not become ACTIVE (last status ${table?.TableStatus ?? 'missing'})`,
      );
    }
    await sleep(Math.min(1_000, 25 * 2 ** attempt));
  }
}

/** An existing table with other key names would fail much later and more confusingly. */
function checkKeySchema(table: TableDescription, tableName: string): void {
  const { partitionKey, sortKey, index: gsi1 } = STATE_TABLE_SCHEMA;
  const keyOf = (schema: TableDescription['KeySchema'], type: 'HASH' | 'RANGE') =>
    schema?.find((k) => k.KeyType === type)?.AttributeName;
  const index = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === gsi1.name);
  if (
    keyOf(table.KeySchema, 'HASH') !== partitionKey ||
    keyOf(table.KeySchema, 'RANGE') !== sortKey ||
    keyOf(index?.KeySchema, 'HASH') !== gsi1.partitionKey ||
    keyOf(index?.KeySchema, 'RANGE') !== gsi1.sortKey
  ) {
    throw new StateStoreError(
      `table ${tableName} exists with another key schema; expected ${partitionKey}/${sortKey} and index ` +
        `${gsi1.name} on ${gsi1.partitionKey}/${gsi1.sortKey}`,
    );
  }
}

/** TTL only tidies old commit journals; dynalite has no UpdateTimeToLive. */
async function enableTtl(doc: DynamoDBDocumentClient, tableName: string): Promise<void> {
  try {
    const ttl = await doc.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== 'ENABLED' && status !== 'ENABLING') {
      await doc.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: STATE_TABLE_SCHEMA.ttlAttribute, Enabled: true },
        }),
      );
    }
  } catch (err) {
    if (errorName(err) !== 'UnknownOperationException') throw edgeError(`enabling TTL on ${tableName}`, err);
  }
}
