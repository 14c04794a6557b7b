import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir } from '../../functions/cli/data-dir-lock';
import { runCli, scratch } from '../helpers/cli';

describe('CLI: one run per --data directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amif-lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first holds it, and frees it on release', async () => {
    const data = join(dir, 'a');
    const release = await lockDataDir(data);
    const busy = await lockDataDir(data).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(DataDirBusyError);
    expect((busy as Error).message).toBe(
      `another run (process ${process.pid}) is using the data directory ${data}; this run changed nothing`,
    );
    await release();
    const again = await lockDataDir(data);
    await again();
  });

  it('takes over a lock left by a process that no longer exists (a run killed with -9)', async () => {
    const data = join(dir, 'b');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await lockDataDir(data).then((release) => release());
    await writeFile(join(data, 'run.lock'), `${gone} left-behind\n`);
    const release = await lockDataDir(data);
    expect(await readFile(join(data, 'run.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    await release();
  });

  it('two npm start on the same --data at once: one publishes, the other exits 1 with one sentence and no stack trace', async () => {
    const dirs = await scratch('amif-twice-');
    try {
      const args = [
        'run',
        '--pages',
        dirs.pages,
        '--out',
        dirs.out,
        '--data',
        dirs.data,
        '--now',
        '2026-11-20T04:00:00Z',
      ];
      const [a, b] = await Promise.all([runCli(args), runCli(args)]);
      const codes = [a.code, b.code].sort();
      expect(codes).toEqual([0, 1]);
      const loser = a.code === 1 ? a : b;
      expect(loser.stderr.trim()).toMatch(
        /^error: another run \(process \d+\) is using the data directory .+; this run changed nothing$/,
      );
      expect(loser.stderr).not.toMatch(/Database is closed|\n\s+at /);
    } finally {
      await rm(dirs.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
