import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { stampState, stateWritesBetween } from '../../bench/state-items';
import { createDynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { startEmbeddedDynalite } from '../../functions/cli/embedded-dynalite';
import { LOCAL_STATE_TABLE, localStorePath } from '../../functions/cli/local-state';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Opens a --data directory's store as a run does, lets `change` write to it, and closes it. */
async function withTable(
  dataDir: string,
  change: (
    put: (sk: string, v: string) => Promise<void>,
    del: (sk: string) => Promise<void>,
  ) => Promise<void>,
) {
  const db = await startEmbeddedDynalite({ path: localStorePath(dataDir) });
  try {
    await createDynamoDbStateStore({ client: db.client, tableName: LOCAL_STATE_TABLE }).ensureTable();
    const key = (sk: string) => ({ pk: { S: 'BENCH' }, sk: { S: sk } });
    await change(
      async (sk, v) => {
        await db.client.send(
          new PutItemCommand({ TableName: LOCAL_STATE_TABLE, Item: { ...key(sk), v: { S: v } } }),
        );
      },
      async (sk) => {
        await db.client.send(new DeleteItemCommand({ TableName: LOCAL_STATE_TABLE, Key: key(sk) }));
      },
    );
  } finally {
    await db.close();
  }
}

describe('npm run bench: state items a run wrote', () => {
  it('counts new and changed items as written, and deleted ones apart, from two readings of the table', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amif-bench-state-'));
    dirs.push(dataDir);
    expect((await stampState(dataDir)).size).toBe(0); // no store yet: nothing to read

    await withTable(dataDir, async (put) => {
      for (const sk of ['a', 'b', 'c']) await put(sk, 'one');
    });
    const before = await stampState(dataDir);
    expect([...before.keys()].sort()).toEqual(['BENCH a', 'BENCH b', 'BENCH c']);

    await withTable(dataDir, async (put, del) => {
      await put('a', 'one'); // rewritten with the same attributes: not a change
      await put('b', 'two');
      await put('d', 'one');
      await del('c');
    });
    expect(stateWritesBetween(before, await stampState(dataDir))).toEqual({ written: 2, deleted: 1 });
  });
});
