import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../functions/cli/exit-codes';
import { type CliResult, runCliProcess, scratch } from '../helpers/cli';

/** tmpfs mounts need root and a kernel that allows them here; elsewhere these tests are skipped. */
function canMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mount = (dir: string, options: string) =>
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
const remount = (dir: string, options: string) => execFileSync('mount', ['-o', `remount,${options}`, dir]);

const probe = join('/tmp', `amif-mount-probe-${process.pid}`);
await mkdir(probe, { recursive: true });
const mounts = canMount(probe);
await rm(probe, { recursive: true, force: true });
if (!mounts)
  console.warn(
    'tmpfs mounts are not allowed here (not root, or no CAP_SYS_ADMIN): the disk-fault tests are skipped',
  );

/**
 * Issue 19, rows 6–8: a read-only --out and a full --data name their cause and exit 5; the run that
 * then finishes the pending publication says so and counts its files.
 */
describe.skipIf(!mounts)('CLI: full and read-only disks (tmpfs)', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  let readOnly: CliResult;
  let recovered: CliResult;
  let full: CliResult;

  beforeAll(async () => {
    dirs = await scratch('amif-disk-');
    await mkdir(dirs.out, { recursive: true });
    mount(dirs.out, 'size=64m');
    const args = ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data];
    expect((await runCliProcess([...args, '--now', '2026-11-20T04:00:00Z'])).code).toBe(0);
    const page = join(dirs.pages, 'eusa-amif-2021.html');
    await writeFile(
      page,
      (await readFile(page, 'utf8')).replace('<td>1444708,32</td>', '<td>1444709,32</td>'),
    );
    remount(dirs.out, 'ro');
    readOnly = await runCliProcess([...args, '--now', '2026-11-21T04:00:00Z']);
    remount(dirs.out, 'rw');
    recovered = await runCliProcess([...args, '--now', '2026-11-22T04:00:00Z', '--json']);

    const data = join(dirs.dir, 'full-data');
    await mkdir(data);
    mount(data, 'size=2m');
    // Fill the disk so the store cannot write its log.
    await writeFile(join(data, 'filler'), Buffer.alloc(2 * 1024 * 1024 - 64 * 1024)).catch(() => undefined);
    full = await runCliProcess([
      'run',
      '--pages',
      dirs.pages,
      '--out',
      join(dirs.dir, 'out2'),
      '--data',
      data,
      '--now',
      '2026-11-20T04:00:00Z',
    ]);
  }, 240_000);
  afterAll(async () => {
    for (const dir of [dirs.out, join(dirs.dir, 'full-data')]) {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' });
      } catch {}
    }
    await rm(dirs.dir, { recursive: true, force: true });
  });

  it('a read-only --out: exit 5, naming the file and EROFS', () => {
    expect(readOnly.code).toBe(EXIT.environment);
    expect(readOnly.stderr).toMatch(
      /error: could not write v1\/\S+: EROFS: read-only file system, mkdir '.+'/,
    );
  });

  it('the next run finishes the pending publication and says how many files it wrote', () => {
    expect(recovered.code).toBe(0);
    const report = JSON.parse(recovered.stdout);
    expect(report.finishedPublication.runId).toBe('run-20261121T040000Z');
    expect(report.finishedPublication.files).toBeGreaterThan(10);
    expect(report.published.length).toBeGreaterThanOrEqual(report.finishedPublication.files);
    expect(recovered.stderr).toContain(
      `First finished run run-20261121T040000Z's pending publication: ${report.finishedPublication.files} files written.`,
    );
    expect(recovered.stderr).not.toContain('only');
  });

  it('a full --data: exit 5, naming the store and ENOSPC, not ECONNREFUSED', () => {
    expect(full.code).toBe(EXIT.environment);
    expect(full.stderr).toMatch(/ENOSPC|No space left on device/);
    expect(full.stderr).not.toContain('ECONNREFUSED');
  });
});
