import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPORTER = fileURLToPath(new URL('./usage-reporter.mjs', import.meta.url));

/** A finished child process, measured from outside (wall) and from inside (resource usage). */
export interface ProcessUsage {
  readonly exitCode: number;
  /** From spawn to exit, as the user waits for it. */
  readonly wallMs: number;
  /** Peak resident set size of the process, KB (getrusage ru_maxrss). */
  readonly maxRssKb: number;
  /** User plus system CPU time of all its threads (GC and libuv's pool included), ms. */
  readonly cpuMs: number;
  readonly stderr: string;
}

/**
 * Runs `node <args>` in a fresh process, like /usr/bin/time: wall time from here, and the child's
 * own peak RSS and CPU time, which it reports at exit through bench/usage-reporter.mjs.
 */
export function runMeasured(
  args: readonly string[],
  options: { readonly cwd: string; readonly usageDir: string; readonly env?: NodeJS.ProcessEnv },
): Promise<ProcessUsage> {
  const usageFile = join(options.usageDir, `usage-${process.pid}-${Date.now()}-${Math.random()}.json`);
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORTER, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, AMIF_BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      // The tail is what explains a failure; a long run's progress lines are not needed.
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      let usage: { maxRSS?: number; userCPUTime?: number; systemCPUTime?: number } = {};
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      } catch {
        // Killed before its exit handler ran (e.g. out of memory): no figures from inside.
      }
      rmSync(usageFile, { force: true });
      done({
        exitCode: code ?? (signal ? 128 : -1),
        wallMs,
        maxRssKb: usage.maxRSS ?? Number.NaN,
        cpuMs: ((usage.userCPUTime ?? Number.NaN) + (usage.systemCPUTime ?? Number.NaN)) / 1000,
        stderr,
      });
    });
  });
}
