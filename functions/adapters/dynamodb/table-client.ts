import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { CorruptStateError, edgeError } from './errors';
import { describeKey, type Item, itemKey, keyNames } from './table-schema';

/** The reads every part of the store shares: paginated queries, one consistent get, checked parsing. */
export interface TableClient {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Every item of partition `pk` (optionally with a sort-key prefix), in sort-key order. */
  queryPartition(pk: string, options?: { skPrefix?: string; consistent?: boolean }): Promise<Item[]>;
  /** Pages of a query until `enough(itemsSoFar)` says so or the query ends. */
  query(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    enough?: (items: readonly Item[]) => boolean,
  ): Promise<Item[]>;
  get(pk: string, sk: string): Promise<Item | null>;
  /** The value checked against its schema; a mismatch names the item and every problem. */
  parse<S extends z.ZodType>(schema: S, value: unknown, item: Item): z.infer<S>;
}

export function createTableClient(
  doc: DynamoDBDocumentClient,
  tableName: string,
  ready: () => Promise<void>,
  pageSize?: number,
): TableClient {
  return new DynamoDbTable(doc, tableName, ready, pageSize);
}

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** One table: it keeps no state; `ready` resolves once the table may be used (after creating it locally). */
export class DynamoDbTable implements TableClient {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly ready: () => Promise<void>,
    private readonly pageSize?: number,
  ) {}

  async query(input: QueryInput, enough: (items: readonly Item[]) => boolean = () => false): Promise<Item[]> {
    await this.ready();
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.page(input, startKey);
      items.push(...((out.Items ?? []) as Item[]));
      startKey = out.LastEvaluatedKey;
    } while (startKey && !enough(items));
    return items;
  }

  queryPartition(pk: string, options: { skPrefix?: string; consistent?: boolean } = {}): Promise<Item[]> {
    const prefix = options.skPrefix;
    return this.query({
      KeyConditionExpression: prefix === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: prefix === undefined ? { '#pk': keyNames['#pk'] } : keyNames,
      ExpressionAttributeValues: { ':pk': pk, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
      ConsistentRead: options.consistent ?? true,
      ScanIndexForward: true,
    });
  }

  async get(pk: string, sk: string): Promise<Item | null> {
    await this.ready();
    try {
      const out = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: itemKey(pk, sk), ConsistentRead: true }),
      );
      return (out.Item as Item | undefined) ?? null;
    } catch (err) {
      throw edgeError(`reading ${pk}/${sk} in ${this.tableName}`, err);
    }
  }

  parse<S extends z.ZodType>(schema: S, value: unknown, item: Item): z.infer<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new CorruptStateError(`${this.tableName}: item ${describeKey(item)} is corrupted: ${problems}`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private async page(
    input: QueryInput,
    startKey: Record<string, unknown> | undefined,
  ): Promise<QueryCommandOutput> {
    try {
      return await this.doc.send(
        new QueryCommand({
          ...(this.pageSize ? { Limit: this.pageSize } : {}),
          ...input,
          TableName: this.tableName,
          ExclusiveStartKey: startKey,
        }),
      );
    } catch (err) {
      throw edgeError(`querying ${this.tableName}`, err);
    }
  }
}
