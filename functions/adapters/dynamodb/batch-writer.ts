import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../../core/worker-pool';
import { edgeError, StateStoreUnavailableError } from './errors';
import type { Item } from './table-schema';

/** BatchWriteItem accepts at most 25 requests. */
const BATCH_SIZE = 25;

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

export interface BatchWriterOptions {
  readonly sleep: (ms: number) => Promise<void>;
  /** BatchWriteItem attempts per batch before giving up on unprocessed items (default 8). */
  readonly maxAttempts?: number;
  /** Backoff between attempts: base × 2^(attempt-1), capped (defaults 100 ms, 5 s). */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Batches in flight at once (default 4). */
  readonly concurrency?: number;
}

/**
 * Writes items in batches of 25, several batches at once, retrying what DynamoDB leaves
 * unprocessed with exponential backoff. Puts are idempotent, so a batch written twice is harmless.
 */
export async function writeItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  what: string,
  options: BatchWriterOptions,
): Promise<void> {
  const batches: Item[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE)
    batches.push(items.slice(start, start + BATCH_SIZE));
  await forEachLimited(batches, options.concurrency ?? 4, (batch) =>
    writeBatch(doc, tableName, batch, what, options),
  );
}

async function writeBatch(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  what: string,
  options: BatchWriterOptions,
): Promise<void> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  let pending: WriteRequests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 1; ; attempt++) {
    let unprocessed: WriteRequests;
    try {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      unprocessed = out.UnprocessedItems?.[tableName] ?? [];
    } catch (err) {
      throw edgeError(`${what}: writing to ${tableName}`, err);
    }
    if (unprocessed.length === 0) return;
    pending = unprocessed;
    if (attempt >= maxAttempts) {
      throw new StateStoreUnavailableError(
        `${what}: ${pending.length} of ${items.length} items stayed unprocessed after ${attempt} BatchWriteItem attempts`,
      );
    }
    await options.sleep(
      Math.min(options.backoffMaxMs ?? 5_000, (options.backoffBaseMs ?? 100) * 2 ** (attempt - 1)),
    );
  }
}
