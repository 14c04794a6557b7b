import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

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
}

/** The part of dynalite's (untyped, CommonJS) API used here. */
interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}
type Dynalite = (options: DynaliteOptions) => Server;
/** The part of `level` (dynalite's own LevelDB binding) used to check the directory first. */
interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
}
type LevelConstructor = new (location: string) => LevelDb;

const require = createRequire(import.meta.url);

/**
 * dynalite turns any store error into an uncaught exception (it `throw`s inside a callback), so a
 * directory another process holds would crash this process at the first request. Open the store
 * once with dynalite's own `level` to fail with a clear error instead (then close it for dynalite).
 */
async function checkStoreOpens(path: string): Promise<void> {
  const fromDynalite = createRequire(require.resolve('dynalite'));
  const { Level } = fromDynalite('level') as { Level: LevelConstructor };
  const db = new Level(path);
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    throw new Error(
      `could not open the embedded DynamoDB store at ${path} (is another process using it?): ` +
        `${(err as Error).message}${cause?.message ? ` (${cause.message})` : ''}`,
      { cause: err },
    );
  }
  await db.close();
}

export async function startEmbeddedDynalite(
  options: EmbeddedDynaliteOptions = {},
): Promise<EmbeddedDynalite> {
  const path = options.path === undefined ? undefined : resolve(options.path);
  if (path !== undefined) {
    mkdirSync(path, { recursive: true });
    await checkStoreOpens(path);
  }

  const dynalite = require('dynalite') as Dynalite;
  // dynalite opens its store here; its server.close() also closes the store (dynalite 4's
  // lifecycle manager waits for pending operations, then closes LevelDB and its LOCK file).
  const server = dynalite({
    ...(path === undefined ? {} : { path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
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
      await new Promise<void>((ok, fail) => {
        server.close((err?: Error) => (err ? fail(err) : ok()));
        server.closeIdleConnections();
      });
    })();
    return closing;
  };

  // LevelDB opens lazily, at the first request: make one now, so the store (and its LOCK) is
  // held from here on and a second start on the same directory fails in checkStoreOpens.
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
