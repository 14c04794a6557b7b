import { execFileSync } from 'node:child_process';
import { rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../functions/cli/run-command';
import { UsageError } from '../../functions/cli/usage-error';
import { readHarvesterEnv } from '../../functions/harvest/config';
import { type CliResult, runCli, scratch } from '../helpers/cli';

const NOW = ['--now', '2026-11-20T04:00:00Z'];
const RELEASE = 'https://intermin.fi/-/10623/amif-rahoitusta-kotoutumiseen';

/** Issue 19, rows 5 and 10–14: options are checked at the edge, before anything is read or written. */
describe('CLI: odd options are usage errors (exit 2) naming the option', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  const results = new Map<string, CliResult>();

  beforeAll(async () => {
    dirs = await scratch('amif-options-');
    const base = ['run', '--pages', dirs.pages, '--data', dirs.data, '--out', dirs.out, ...NOW];
    const cases: Record<string, string[]> = {
      javascript: [...base, '--base-url', 'javascript:alert(1)'],
      missingPages: [
        'run',
        '--pages',
        join(dirs.dir, 'nonexistent'),
        '--data',
        dirs.data,
        '--out',
        dirs.out,
        ...NOW,
      ],
      dataInOut: ['run', '--pages', dirs.pages, '--data', join(dirs.out, 'state'), '--out', dirs.out, ...NOW],
      releaseCredentials: [...base, '--press-releases', 'https://user:pw@intermin.fi/-/10623/x'],
    };
    // One after another: each is a fresh process, and the machine is shared.
    for (const [name, args] of Object.entries(cases)) results.set(name, await runCli(args));
    for (const [name, args] of Object.entries(inProcess(base))) results.set(name, usageError(args));
  }, 180_000);
  afterAll(() => rm(dirs.dir, { recursive: true, force: true }));

  const firstLine = (name: string) => results.get(name)!.stderr.split('\n')[0];
  /** The cases the command line's process boundary adds nothing to: parsed in this process. */
  const inProcess = (base: string[]): Record<string, string[]> => ({
    data: [...base.slice(1), '--base-url', 'data:text/html,<b>x</b>'],
    quotes: [...base.slice(1), '--base-url', 'https://amif.example.fi/"><script>alert(1)</script>'],
    credentials: [...base.slice(1), '--base-url', 'https://user:pw@amif.example.fi'],
    plainHttp: [...base.slice(1), '--base-url', 'http://amif.example.fi'],
    outInData: ['--pages', dirs.pages, '--data', dirs.data, '--out', join(dirs.data, 'out'), ...NOW],
    duplicateIds: [...base.slice(1), '--press-releases', `kotoutuminen=${RELEASE},kotoutuminen=${RELEASE}-2`],
  });
  const usageError = (args: string[]): CliResult => {
    try {
      parseRunArgs(args);
      return { code: 0, stdout: '', stderr: '' };
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return { code: 2, stdout: '', stderr: `error: ${(error as Error).message}\n` };
    }
  };

  it('refuses a base URL that is not https:// or local, or that could break out of a link', () => {
    for (const name of ['javascript', 'data', 'quotes', 'credentials', 'plainHttp']) {
      expect(results.get(name)!.code, name).toBe(2);
    }
    expect(firstLine('javascript')).toBe(
      'error: --base-url must be https:// (or http://localhost / http://127.0.0.1), found "javascript:alert(1)"',
    );
    expect(firstLine('data')).toBe(
      'error: --base-url may not hold quotes, angle brackets, backslashes or white space, found "data:text/html,<b>x</b>"',
    );
    expect(firstLine('quotes')).toMatch(/^error: --base-url may not hold quotes, angle brackets/);
    expect(firstLine('credentials')).toBe(
      'error: --base-url may not hold credentials (user:password@), found "https://***@amif.example.fi"',
    );
    expect(firstLine('plainHttp')).toMatch(/^error: --base-url must be https:\/\//);
  });

  it('refuses a --pages directory that does not exist (a typo must not look like a healthy run)', () => {
    expect(results.get('missingPages')!.code).toBe(2);
    expect(firstLine('missingPages')).toBe(
      `error: --pages expects an existing directory, found "${join(dirs.dir, 'nonexistent')}" (ENOENT)`,
    );
  });

  it('refuses --data inside --out (the server would serve the state) and --out inside --data', () => {
    for (const name of ['dataInOut', 'outInData']) {
      expect(results.get(name)!.code, name).toBe(2);
      expect(firstLine(name), name).toMatch(
        /^error: --data \(.+\) and --out \(.+\) may not be the same directory or contain one another$/,
      );
    }
  });

  it('refuses a press release URL with credentials without printing them', () => {
    const r = results.get('releaseCredentials')!;
    expect(r.code).toBe(2);
    expect(firstLine('releaseCredentials')).toBe(
      'error: --press-releases holds a URL with credentials (user:password@), which would be published: "https://***@intermin.fi/-/10623/x"',
    );
    expect(r.stderr).not.toContain('pw@');
  });

  it('refuses two press releases with one id, naming both', () => {
    expect(results.get('duplicateIds')!.code).toBe(2);
    expect(firstLine('duplicateIds')).toBe(
      `error: --press-releases names the press release id "kotoutuminen" twice: "kotoutuminen=${RELEASE}" and "kotoutuminen=${RELEASE}-2"; give each release its own id`,
    );
  });

  it('wrote nothing for any of them', async () => {
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dirs.dir)).toEqual(['pages']);
  });
});

describe('Lambda: the same checks on its environment', () => {
  const env = (url: string) => ({
    TABLE_NAME: 'amif',
    BUCKET_NAME: 'bucket',
    PUBLIC_BASE_URL: url,
    CONTACT_EMAIL: 'data@example.fi',
  });
  it('refuses PUBLIC_BASE_URL values the command line refuses, and local http too', () => {
    expect(() => readHarvesterEnv(env('javascript:alert(1)'))).toThrow(
      'harvester environment is invalid: PUBLIC_BASE_URL: PUBLIC_BASE_URL must be https://, found "javascript:alert(1)"',
    );
    expect(() => readHarvesterEnv(env('http://localhost:8080'))).toThrow('PUBLIC_BASE_URL must be https://');
    expect(() => readHarvesterEnv(env('https://u:secret@x.example'))).toThrow(/credentials/);
    expect(() => readHarvesterEnv(env('https://u:secret@x.example'))).not.toThrow(/secret/);
    expect(readHarvesterEnv(env('https://amif.example.fi/')).PUBLIC_BASE_URL).toBe('https://amif.example.fi');
  });
});

/** Issue 19, row 11: a --pages file that is a FIFO or /dev/zero is refused, not waited on or read. */
describe('CLI: --pages files must be regular files under the page limit', () => {
  let dirs: Awaited<ReturnType<typeof scratch>>;
  let result: CliResult;
  beforeAll(async () => {
    dirs = await scratch('amif-fifo-');
    await rm(join(dirs.pages, 'eusa-amif-2021.html'));
    execFileSync('mkfifo', [join(dirs.pages, 'eusa-amif-2021.html')]);
    await rm(join(dirs.pages, 'migri-hankkeet.html'));
    await symlink('/dev/zero', join(dirs.pages, 'migri-hankkeet.html'));
    result = await runCli([
      'run',
      '--pages',
      dirs.pages,
      '--data',
      dirs.data,
      '--out',
      dirs.out,
      ...NOW,
      '--json',
    ]);
  }, 60_000);
  afterAll(() => rm(dirs.dir, { recursive: true, force: true }));

  it('fails those two sources with the reason, reads the others, and exits 1', () => {
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const byId = (id: string) => report.sources.find((s: { id: string }) => s.id === id);
    expect(byId('eusa-amif-2021')).toMatchObject({ status: 'failed' });
    expect(byId('eusa-amif-2021').warnings.join()).toContain(
      `cannot read the snapshot page ${join(dirs.pages, 'eusa-amif-2021.html')}: not a regular file (a FIFO, device or directory)`,
    );
    expect(byId('migri-hankkeet').warnings.join()).toContain('not a regular file');
    expect(byId('eusa-amif-2014-so1')).toMatchObject({ status: 'ok' });
  });
});
