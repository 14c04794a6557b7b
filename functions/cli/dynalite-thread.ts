import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { StopAndAlertError } from '../core/errors';

/**
 * dynalite's server, in a worker thread of its own. It answers the SDK over HTTP, and a run that
 * commits thousands of items keeps both busy: in one thread, the marshalling and the validating
 * and storing took turns on one core; in two, they overlap. The thread loads dynalite as soon as it
 * is spawned and opens the store only when asked, so the command line spawns it before loading its
 * own modules (both take a few hundred milliseconds, on two cores at once) and asks once it holds
 * the data directory's lock. The worker is plain JavaScript (given as source), so the same code
 * runs from the TypeScript sources in tests and from dist/.
 */
const SERVER_THREAD = `
const { createRequire } = require('node:module');
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalite);
const fromDynalite = createRequire(workerData.dynalite);
let server = null;
// dynalite turns any store error into an uncaught exception (it throws inside a callback), so a
// directory another process holds would end the thread at the first request. Open the store once
// with dynalite's own LevelDB binding to answer with the reason instead, then close it for dynalite.
async function storeOpens(path) {
  const { Level } = fromDynalite('level');
  const db = new Level(path);
  try {
    await db.open();
  } catch (err) {
    parentPort.postMessage({ storeError: String(err && err.message), cause: err && err.cause ? String(err.cause.message) : null });
    return false;
  }
  await db.close();
  return true;
}
parentPort.on('message', async (message) => {
  if (message && message.open) {
    const path = message.open.path;
    if (path !== undefined && !(await storeOpens(path))) return;
    // dynalite opens its store here; server.close() also closes it (its lifecycle manager waits
    // for pending operations, then closes LevelDB and its LOCK file).
    server = dynalite({ ...(path === undefined ? {} : { path }), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    server.once('error', (err) => parentPort.postMessage({ error: String(err && err.message) }));
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  } else if (message === 'close') {
    if (!server) return parentPort.postMessage({ closed: true, error: null });
    server.close((err) => parentPort.postMessage({ closed: true, error: err ? String(err.message) : null }));
    server.closeIdleConnections();
  }
});
`;

/** The store directory could not be opened (another process holds it, or it is not a store). */
export class StoreOpenError extends StopAndAlertError {
  override readonly name = 'StoreOpenError';
}

export interface ServerThread {
  readonly port: number;
  close(): Promise<void>;
  /** Why the thread ended while serving (a store error dynalite threw), or null while it serves. */
  failure(): Error | null;
}

export interface DynaliteThread {
  /** Opens the store (in memory without `path`) and serves it; once per thread. */
  open(path: string | undefined): Promise<ServerThread>;
  /** Ends a thread that was never opened; a no-op once open() was called (close() ends it then). */
  discard(): void;
}

const require = createRequire(import.meta.url);

/** Spawns the thread and lets it load dynalite; it keeps the process alive only once opened. */
export function spawnDynaliteThread(): DynaliteThread {
  const worker = new Worker(SERVER_THREAD, {
    eval: true,
    // dynalite allocates fast and keeps little (each request's JSON, parsed and checked): with V8's
    // default young generation its heap grew to some 90 MB for 20-30 MB live during a 2000-row
    // commit; 8 MB keeps it near 25 MB and the run's peak RSS about 85 MB lower, for no CPU we could
    // measure (docs/performance.md).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    workerData: { dynalite: require.resolve('dynalite') },
  });
  worker.unref();
  let failure: Error | null = null;
  let exited = false;
  let opened = false;
  worker.once('exit', () => {
    exited = true;
  });
  // A store error dynalite throws inside a callback ends the worker, not this process: the
  // requests in flight then fail, and so does the run, with the reason.
  worker.on('error', (err) => {
    failure = err;
  });
  const close = () =>
    new Promise<void>((ok, fail) => {
      if (exited) return ok();
      worker.once('exit', () => ok());
      worker.on('message', (message: { closed?: boolean; error?: string | null }) => {
        if (!message.closed) return;
        if (message.error) fail(new StopAndAlertError(`closing the embedded DynamoDB: ${message.error}`));
        void worker.terminate();
      });
      worker.postMessage('close');
    });
  return {
    discard: () => {
      if (!opened) void worker.terminate();
    },
    open: async (path) => {
      if (opened) throw new Error('the embedded DynamoDB thread was already opened');
      opened = true;
      // It can end before it is asked (dynalite failed to load): there is no exit left to wait for.
      if (exited)
        throw failure ?? new Error('the embedded DynamoDB thread ended before its store was opened');
      worker.ref();
      const port = await new Promise<number>((ok, fail) => {
        const onExit = (code: number) =>
          fail(failure ?? new Error(`the embedded DynamoDB thread exited (${code})`));
        worker.once('exit', onExit);
        worker.once(
          'message',
          (message: { port?: number; error?: string; storeError?: string; cause?: string | null }) => {
            worker.off('exit', onExit);
            if (message.port !== undefined) return ok(message.port);
            void worker.terminate();
            if (message.storeError !== undefined) {
              fail(
                new StoreOpenError(
                  `could not open the embedded DynamoDB store at ${path} (is another process using it?): ` +
                    `${message.storeError}${message.cause ? ` (${message.cause})` : ''}`,
                ),
              );
            } else fail(new Error(`the embedded DynamoDB did not start: ${message.error}`));
          },
        );
        worker.postMessage({ open: { path } });
      });
      return { port, close, failure: () => failure ?? (exited ? new Error('the thread exited') : null) };
    },
  };
}
