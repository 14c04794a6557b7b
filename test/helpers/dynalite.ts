import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDbStateStore,
  type DynamoDbStateStore,
  type DynamoDbStateStoreOptions,
} from '../../functions/adapters/dynamodb-state';
import { startEmbeddedDynalite } from '../../functions/cli/embedded-dynalite';

/**
 * A fresh in-memory dynalite for one test file. Start it in beforeAll and close it in afterAll;
 * `newStore()` gives each test (or describe block) its own empty table on it, so tests do not
 * see each other's items.
 */
export interface TestDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** A state store on a new, empty, ACTIVE table. */
  newStore(
    options?: Partial<Omit<DynamoDbStateStoreOptions, 'client'>>,
  ): Promise<{ store: DynamoDbStateStore; tableName: string }>;
  close(): Promise<void>;
}

export async function startTestDynamo(options: { path?: string } = {}): Promise<TestDynamo> {
  const dynamo = await startEmbeddedDynalite(options);
  return {
    endpoint: dynamo.endpoint,
    client: dynamo.client,
    async newStore(storeOptions = {}) {
      const tableName = storeOptions.tableName ?? `test-${randomUUID()}`;
      const store = createDynamoDbStateStore({
        ...storeOptions,
        client: dynamo.client,
        tableName,
        sleep: storeOptions.sleep ?? (async () => {}),
      });
      await store.ensureTable();
      return { store, tableName };
    },
    close: () => dynamo.close(),
  };
}

/** Every item of one partition as the table holds it, for tests that look under the store. */
export async function rawItems(
  client: DynamoDBClient,
  tableName: string,
  pk: string,
): Promise<Record<string, unknown>[]> {
  const result = await DynamoDBDocumentClient.from(client).send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return result.Items ?? [];
}
