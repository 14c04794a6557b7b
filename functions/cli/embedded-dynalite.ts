import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynaliteThread, spawnDynaliteThread } from './dynalite-thread';

/**
 * A DynamoDB for local runs and tests: dynalite (an implementation of the DynamoDB API on
 * LevelDB) serving in-process on 127.0.0.1 at a free port. With `path` the data persists in that
 * directory (LevelDB); without it the data lives in memory and is gone after close().
 */

export interface EmbeddedDynalite {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** Stops the client, the HTTP server and the LevelDB store (releasing its LOCK), so the process can exit. */
  close(): Promise<void>;
}

export interface EmbeddedDynaliteOptions {
  /** Directory of the LevelDB store (created if missing); in memory when absent. */
  readonly path?: string;
  /** A thread spawned earlier (see spawnDynaliteThread), so dynalite has loaded meanwhile. */
  readonly thread?: DynaliteThread;
}

export async function startEmbeddedDynalite(
  options: EmbeddedDynaliteOptions = {},
): Promise<EmbeddedDynalite> {
  const path = options.path === undefined ? undefined : resolve(options.path);
  if (path !== undefined) mkdirSync(path, { recursive: true });
  const { port, close: stopServer } = await (options.thread ?? spawnDynaliteThread()).open(path);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // Local errors are not transient: fail fast instead of retrying a broken store.
    maxAttempts: 2,
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      client.destroy(); // drops the SDK's keep-alive sockets
      await stopServer();
    })();
    return closing;
  };

  // LevelDB opens lazily, at the first request: make one now, so the store (and its LOCK) is
  // held from here on and a second start on the same directory fails when its thread opens the store.
  try {
    await client.send(new DescribeTableCommand({ TableName: 'embedded-dynalite-probe' }));
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') {
      await close().catch(() => undefined);
      throw new Error(`could not start the embedded DynamoDB: ${(err as Error).message}`, { cause: err });
    }
  }
  return { endpoint, client, close };
}
