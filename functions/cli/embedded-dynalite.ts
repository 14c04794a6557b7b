import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
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

/**
 * dynalite's server, in a worker thread of its own. It answers the SDK over HTTP, and a run that
 * commits thousands of items keeps both busy: in one thread, the marshalling and the validating
 * and storing took turns on one core; in two, they overlap. The worker is plain JavaScript (given
 * as source), so the same code runs from the TypeScript sources in tests and from dist/.
 */
const SERVER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalite);
// dynalite opens its store here; server.close() also closes it (its lifecycle manager waits for
// pending operations, then closes LevelDB and its LOCK file).
const server = dynalite({ ...workerData.options, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (err) => parentPort.postMessage({ error: String(err && err.message) }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close((err) => parentPort.postMessage({ closed: true, error: err ? String(err.message) : null }));
  server.closeIdleConnections();
});
`;

interface ServerThread {
  readonly port: number;
  close(): Promise<void>;
}

async function startServerThread(path: string | undefined): Promise<ServerThread> {
  const worker = new Worker(SERVER_THREAD, {
    eval: true,
    workerData: { dynalite: require.resolve('dynalite'), options: path === undefined ? {} : { path } },
  });
  let failure: Error | null = null;
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  // A store error dynalite throws inside a callback ends the worker, not this process: the
  // requests in flight then fail, and so does the run, with the reason.
  worker.on('error', (err) => {
    failure = err;
  });
  const port = await new Promise<number>((ok, fail) => {
    const onExit = (code: number) =>
      fail(failure ?? new Error(`the embedded DynamoDB thread exited (${code})`));
    worker.once('exit', onExit);
    worker.once('message', (message: { port?: number; error?: string }) => {
      worker.off('exit', onExit);
      if (message.port !== undefined) ok(message.port);
      else fail(new Error(`the embedded DynamoDB did not start: ${message.error}`));
    });
  });
  return {
    port,
    close: () =>
      new Promise<void>((ok, fail) => {
        if (exited) return ok();
        worker.once('exit', () => ok());
        worker.on('message', (message: { closed?: boolean; error?: string | null }) => {
          if (!message.closed) return;
          if (message.error) fail(new Error(`closing the embedded DynamoDB: ${message.error}`));
          void worker.terminate();
        });
        worker.postMessage('close');
      }),
  };
}
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

  const { port, close: stopServer } = await startServerThread(path);
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
