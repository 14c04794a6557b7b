import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RetryNextRunError } from '../core/errors';
import {
  formatIdentity,
  identityOf,
  isRunning,
  type ProcessIdentity,
  parseIdentity,
} from './process-identity';

/** Another run holds the data directory: this run changes nothing. */
export class DataDirBusyError extends RetryNextRunError {
  override readonly name = 'DataDirBusyError';
}

const LOCK_FILE = 'run.lock';
/** A takeover marker (or a lock without content) older than this was left by a process that died. */
const STALE_MARKER_MS = 10_000;
const ATTEMPTS = 50;

export interface DataDirLock {
  /** This run's identity as written in the lock (`pid=…,start=…,boot=…`). */
  readonly holder: string;
  release(): Promise<void>;
}

/**
 * Takes `<dir>/run.lock`, created exclusively and naming this process by PID, start time and boot
 * id (see process-identity.ts), and returns it. A lock whose holder is not running (killed with
 * -9, a zombie, a PID reused by another process or by this one after a container restart) is
 * taken over. Two runs that find the same dead lock race through a marker named after its
 * content, created exclusively: only one removes it, and only while it still holds that content.
 */
export async function lockDataDir(
  dir: string,
  self: ProcessIdentity = identityOf(process.pid),
): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const holder = formatIdentity(self);
  // The token tells two runs of one process apart (tests run several in one process).
  const content = `${holder} ${randomUUID()}\n`;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(content);
      await handle.close();
      return {
        holder,
        release: async () => {
          if ((await readLock(path)) === content) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = await readLock(path);
    if (seen === null) continue; // released meanwhile
    if (await beingWritten(path, seen)) {
      await pause();
      continue;
    }
    const owner = parseIdentity(seen);
    // A lock of the old form (a bare PID) naming this process was written by an earlier one with
    // its PID (a restarted container): this process writes only the full form.
    const ownOldPid = owner?.start === null && owner.pid === self.pid;
    if (owner !== null && !ownOldPid && isRunning(owner)) {
      throw new DataDirBusyError(
        `another run (process ${owner.pid}) is using the data directory ${dir}; this run changed nothing`,
      );
    }
    await takeOver(path, seen);
  }
  throw new DataDirBusyError(
    `the data directory ${dir} kept being taken by another run; this run changed nothing`,
  );
}

/** Removes the lock at `path` if it still holds `seen`, unless another run is doing just that. */
async function takeOver(path: string, seen: string): Promise<void> {
  const marker = `${path}.takeover-${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
  try {
    const handle = await open(marker, 'wx');
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = await stat(marker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > STALE_MARKER_MS) await rm(marker, { force: true });
    await pause();
    return;
  }
  try {
    if ((await readLock(path)) === seen) await rm(path, { force: true });
  } finally {
    await rm(marker, { force: true });
  }
}

/**
 * A lock is created empty and its identity written next (open, then write): a run that reads it
 * in between sees no holder, and taking it over then would let two runs use one directory. Every
 * lock ends with a newline, so one without it is still being written, unless it has stayed so for
 * longer than a takeover marker lives (its writer died between the two steps).
 */
async function beingWritten(path: string, seen: string): Promise<boolean> {
  if (seen.endsWith('\n')) return false;
  const age = await stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => Number.POSITIVE_INFINITY,
  );
  return age <= STALE_MARKER_MS;
}

function pause(): Promise<void> {
  return new Promise((done) => setTimeout(done, 20));
}

async function readLock(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
