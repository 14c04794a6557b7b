import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StopAndAlertError } from '../core/errors';
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
  /**
   * Why the store stopped serving (its thread died: a full or read-only disk), or null. Requests
   * then fail with ECONNREFUSED, which names neither the store nor the reason; this does.
   */
  failure(): StoreStoppedError | null;
}

/**
 * The embedded store stopped or could not start; names its directory and the system's reason. The
 * machine's part (a disk, its permissions), so the command line exits with `environment`.
 */
export class StoreStoppedError extends StopAndAlertError {
  override readonly name = 'StoreStoppedError';
  constructor(path: string | undefined, what: string, cause: Error) {
    const reason = systemReason(cause.message);
    super(
      `the embedded DynamoDB store at ${path ?? '(memory)'} ${what}: ${cause.message}${reason ? ` (${reason})` : ''}`,
      {
        cause,
      },
    );
  }
}

/** LevelDB says why in words; the operator looks for the system's code. */
function systemReason(message: string): string | null {
  if (/No space left on device/i.test(message)) return 'ENOSPC';
  if (/Read-only file system/i.test(message)) return 'EROFS';
  if (/Permission denied/i.test(message)) return 'EACCES';
  if (/Disk quota exceeded/i.test(message)) return 'EDQUOT';
  return null;
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
  if (path !== undefined) {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      throw new StoreStoppedError(path, 'could not start', error as Error);
    }
  }
  let served: Awaited<ReturnType<DynaliteThread['open']>>;
  try {
    served = await (options.thread ?? spawnDynaliteThread()).open(path);
  } catch (error) {
    throw new StoreStoppedError(path, 'could not start', error as Error);
  }
  const { port, close: stopServer } = served;
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
      throw new StoreStoppedError(path, 'could not start', served.failure() ?? (err as Error));
    }
  }
  const failure = () => {
    const died = served.failure();
    return died ? new StoreStoppedError(path, 'stopped', died) : null;
  };
  return { endpoint, client, close, failure };
}
