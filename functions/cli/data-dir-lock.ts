import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Another run holds the data directory: this run changes nothing. */
export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
}

const LOCK_FILE = 'run.lock';

/**
 * Takes `<dir>/run.lock` (created exclusively, holding this process's id) and returns its release.
 * A lock whose process no longer exists (a run killed with -9) is taken over.
 */
export async function lockDataDir(dir: string, pid: number = process.pid): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  // The token tells two runs of one process apart (tests run several in one process).
  const token = `${pid} ${randomUUID()}`;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${token}\n`);
      await handle.close();
      return async () => {
        if ((await readLock(path))?.trim() === token) await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = pidOf(await readLock(path));
      if (holder !== null && isAlive(holder)) {
        throw new DataDirBusyError(
          `another run (process ${holder}) is using the data directory ${dir}; this run changed nothing`,
        );
      }
      await rm(path, { force: true }); // left by a run that died
    }
  }
  throw new DataDirBusyError(
    `the data directory ${dir} kept being taken by another run; this run changed nothing`,
  );
}

async function readLock(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function pidOf(text: string | null): number | null {
  const pid = Number.parseInt(text ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
