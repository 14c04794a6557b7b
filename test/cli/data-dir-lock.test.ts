import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir } from '../../functions/cli/data-dir-lock';
import { bootId, formatIdentity, identityOf } from '../../functions/cli/process-identity';
import { runArgs, runCliKilledAt, runCliProcess, scratch } from '../helpers/cli';

const hasProc = identityOf(process.pid).start !== null;

describe('CLI: one run per --data directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amif-lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first holds it, and frees it on release', async () => {
    const data = join(dir, 'a');
    const lock = await lockDataDir(data);
    const busy = await lockDataDir(data).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(DataDirBusyError);
    expect((busy as Error).message).toBe(
      `another run (process ${process.pid}) is using the data directory ${data}; this run changed nothing`,
    );
    await lock.release();
    const again = await lockDataDir(data);
    await again.release();
  });

  it('names its holder by PID, start time and boot id', async () => {
    const data = join(dir, 'id');
    const lock = await lockDataDir(data);
    const text = await readFile(join(data, 'run.lock'), 'utf8');
    expect(text.startsWith(`${formatIdentity(identityOf(process.pid))} `)).toBe(true);
    if (hasProc) expect(text).toMatch(new RegExp(`^pid=${process.pid},start=\\d+,boot=${bootId()} `));
    await lock.release();
  });

  it('takes over a lock left by a process that no longer exists (a run killed with -9)', async () => {
    const data = join(dir, 'b');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await lockDataDir(data).then((lock) => lock.release());
    await writeFile(join(data, 'run.lock'), `${gone} left-behind\n`);
    const lock = await lockDataDir(data);
    expect(await readFile(join(data, 'run.lock'), 'utf8')).toMatch(/^pid=\d+/);
    await lock.release();
  });

  it.skipIf(!hasProc)(
    'takes over a lock naming its own PID from an earlier start, and an old bare-PID lock of its own PID',
    async () => {
      const data = join(dir, 'own');
      const self = identityOf(process.pid);
      await lockDataDir(data).then((lock) => lock.release());
      await writeFile(join(data, 'run.lock'), `${formatIdentity({ ...self, start: '1' })} before-restart\n`);
      await (await lockDataDir(data)).release();
      await writeFile(join(data, 'run.lock'), `${process.pid} before-restart\n`);
      await (await lockDataDir(data)).release();
    },
  );

  it.skipIf(!hasProc)('takes over a lock whose PID now belongs to another process (PID reused)', async () => {
    const data = join(dir, 'reused');
    const other = spawn('sleep', ['30']);
    try {
      await new Promise((ok) => other.once('spawn', ok));
      const live = identityOf(other.pid!);
      await lockDataDir(data).then((lock) => lock.release());
      await writeFile(join(data, 'run.lock'), `${formatIdentity(live)} alive\n`);
      await expect(lockDataDir(data)).rejects.toThrow(`another run (process ${other.pid})`);
      await writeFile(
        join(data, 'run.lock'),
        `${formatIdentity({ ...live, start: String(Number(live.start) - 1) })} x\n`,
      );
      await (await lockDataDir(data)).release();
    } finally {
      other.kill();
    }
  });

  it.skipIf(!hasProc)('takes over a lock naming a zombie', async () => {
    const data = join(dir, 'zombie');
    // sh starts `sleep 0` and becomes `sleep 30`, which never reaps it: the child stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const pid = Number(await new Promise<string>((ok) => parent.stdout.once('data', (d) => ok(String(d)))));
      let state = '';
      for (let i = 0; i < 100 && state !== 'Z'; i++) {
        await new Promise((ok) => setTimeout(ok, 20));
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
      }
      expect(state).toBe('Z');
      await lockDataDir(data).then((lock) => lock.release());
      await writeFile(join(data, 'run.lock'), `${formatIdentity(identityOf(pid))} zombie\n`);
      await (await lockDataDir(data)).release();
    } finally {
      parent.kill();
    }
  });

  it('a lock still being written (created, no content yet) is waited for, not taken over', async () => {
    const data = join(dir, 'being-written');
    await lockDataDir(data).then((lock) => lock.release());
    // The holder has created run.lock exclusively and not yet written its identity into it.
    await writeFile(join(data, 'run.lock'), '');
    const contender = lockDataDir(data);
    await new Promise((done) => setTimeout(done, 100));
    await writeFile(join(data, 'run.lock'), `${formatIdentity(identityOf(process.pid))} writer\n`);
    await expect(contender).rejects.toThrow(
      `another run (process ${process.pid}) is using the data directory`,
    );
    expect(await readFile(join(data, 'run.lock'), 'utf8')).toMatch(/ writer\n$/);
    await rm(join(data, 'run.lock'));
  });

  it('an empty lock older than a takeover can take (its writer died before writing) is taken over', async () => {
    const data = join(dir, 'empty-old');
    await lockDataDir(data).then((lock) => lock.release());
    await writeFile(join(data, 'run.lock'), '');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(data, 'run.lock'), old, old);
    const lock = await lockDataDir(data);
    expect(await readFile(join(data, 'run.lock'), 'utf8')).toMatch(/^pid=\d+/);
    await lock.release();
  });

  it('of 20 runs racing for one dead lock, exactly one takes it, and no takeover marker is left', async () => {
    const data = join(dir, 'race');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await lockDataDir(data).then((lock) => lock.release());
    await writeFile(
      join(data, 'run.lock'),
      `${formatIdentity({ pid: gone, start: '1', boot: bootId() })} dead\n`,
    );
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => lockDataDir(data)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.reason).toBeInstanceOf(DataDirBusyError);
    expect(await readdir(data)).toEqual(['run.lock']);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockDataDir>>>).value.release();
    expect(await readdir(data)).toEqual([]);
  });

  it('two npm start on the same --data at once: one publishes, the other exits 4 (busy) with one sentence and no stack trace', async () => {
    const dirs = await scratch('amif-twice-');
    try {
      const args = [...runArgs(dirs), '--now', '2026-11-20T04:00:00Z'];
      const [a, b] = await Promise.all([runCliProcess(args), runCliProcess(args)]);
      const codes = [a.code, b.code].sort();
      expect(codes).toEqual([0, 4]);
      const loser = a.code === 4 ? a : b;
      expect(loser.stderr.trim()).toMatch(
        /^error: another run \(process \d+\) is using the data directory .+; this run changed nothing$/,
      );
      expect(loser.stderr).not.toMatch(/Database is closed|\n\s+at /);
    } finally {
      await rm(dirs.dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a run killed hard while it holds the lease: the next run takes the lock and the lease at once (issue 19)', async () => {
    const dirs = await scratch('amif-killed-');
    try {
      const args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data];
      // Logged once the sources are read: the lease is taken and not yet released.
      const killed = await runCliKilledAt([...args, '--now', '2026-11-20T04:00:00Z'], /eusa-amif-2021: ok/);
      expect(killed.killed).toBe(true);
      expect(await readFile(join(dirs.data, 'run.lock'), 'utf8')).toMatch(/^pid=\d+/);
      const next = await runCliProcess([...args, '--now', '2026-11-21T04:00:00Z', '--json']);
      expect(next.stderr).not.toContain('another run');
      expect(next.code).toBe(0);
      expect(JSON.parse(next.stdout).status).toBe('published');
      expect(await readdir(dirs.data)).not.toContain('run.lock');
    } finally {
      await rm(dirs.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
