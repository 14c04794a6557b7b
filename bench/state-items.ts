import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { STATE_TABLE_SCHEMA } from '../functions/adapters/dynamodb/table-schema';
import { startEmbeddedDynalite } from '../functions/cli/embedded-dynalite';
import { LOCAL_STATE_TABLE, localStorePath } from '../functions/cli/local-state';

/** Each item of a --data directory's state table, by key, with a digest of all its attributes. */
export type StateStamp = ReadonlyMap<string, string>;

const keyText = (value: AttributeValue | undefined) => value?.S ?? JSON.stringify(value);

/** Reads the whole table of a finished run's --data directory (empty when there is none yet). */
export async function stampState(dataDir: string): Promise<StateStamp> {
  const stamps = new Map<string, string>();
  if (!existsSync(localStorePath(dataDir))) return stamps;
  const db = await startEmbeddedDynalite({ path: localStorePath(dataDir) });
  try {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.client.send(
        new ScanCommand({ TableName: LOCAL_STATE_TABLE, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        const key = `${keyText(item[STATE_TABLE_SCHEMA.partitionKey])} ${keyText(item[STATE_TABLE_SCHEMA.sortKey])}`;
        stamps.set(key, createHash('sha256').update(JSON.stringify(item)).digest('hex'));
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  } finally {
    await db.close();
  }
  return stamps;
}

export interface StateWrites {
  /** Items that are new or whose attributes changed. */
  readonly written: number;
  readonly deleted: number;
}

/** What a run did to the table, from the stamps before and after it. */
export function stateWritesBetween(before: StateStamp, after: StateStamp): StateWrites {
  let written = 0;
  for (const [key, digest] of after) if (before.get(key) !== digest) written++;
  let deleted = 0;
  for (const key of before.keys()) if (!after.has(key)) deleted++;
  return { written, deleted };
}
