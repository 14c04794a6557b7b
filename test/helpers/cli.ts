import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SEED_PAGES = join(REPO, 'seeds/pages');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the command line's main (functions/cli/cli-main.ts) in this process, as `npm start --` would,
 * its stdout and stderr captured: the behaviour without the cost of starting node and tsx each time.
 */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  const { cliMain } = await import('../../functions/cli/cli-main');
  let stdout = '';
  let stderr = '';
  const code = await cliMain(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Runs the command line exactly as `npm start --` would, in a child process: for what needs one. */
export function runCliProcess(args: readonly string[]): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'functions/cli/main.ts'), ...args], {
      cwd: REPO,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs the command line and kills it with SIGKILL as soon as its stderr matches `pattern`. */
export function runCliKilledAt(
  args: readonly string[],
  pattern: RegExp,
): Promise<CliResult & { killed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'functions/cli/main.ts'), ...args], {
      cwd: REPO,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!killed && pattern.test(stderr)) killed = child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr, killed }));
  });
}

/** A scratch directory with a copy of the bundled snapshot pages, to edit between runs. */
export async function scratch(
  prefix = 'amif-feed-',
): Promise<{ dir: string; pages: string; out: string; data: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const pages = join(dir, 'pages');
  await cp(SEED_PAGES, pages, { recursive: true });
  return { dir, pages, out: join(dir, 'out'), data: join(dir, 'data') };
}

/** `run` on a scratch directory's pages, output and data: the arguments every CLI test starts from. */
export function runArgs(dirs: { pages: string; out: string; data: string }): string[] {
  return ['run', '--pages', dirs.pages, '--out', dirs.out, '--data', dirs.data];
}

/** Every published file under `root` with its bytes, the header manifest (`.meta/`) excluded. */
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.meta') await walk(path);
      } else files.set(relative(root, path), await readFile(path));
    }
  };
  await walk(root);
  return files;
}
