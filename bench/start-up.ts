/**
 * Start-up as a user meets it: `npm start` on the bundled snapshot pages, each run a fresh `npm`
 * process, wall time from spawn to exit. One run first, not counted, so Node's compile cache and the
 * system's file cache are warm (docs/node-runtime.md, "Start-up"); then, on fresh --data/--out
 * directories each time, a first run (what `npm ci && npm start` shows) and an unchanged run of the
 * same pages after it (what every later `npm start` shows).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median } from './stats';

export interface StartUp {
  /** Median wall time of the first runs, ms. */
  readonly firstRunMs: number;
  /** Median wall time of the unchanged runs, ms. */
  readonly unchangedRunMs: number;
  readonly runs: number;
  readonly error: string | null;
}

const NOW = ['2026-11-22T04:00:00Z', '2026-11-23T04:00:00Z'] as const;

function npmStart(
  root: string,
  data: string,
  out: string,
  now: string,
): Promise<{ ms: number; error: string | null }> {
  return new Promise((done) => {
    const started = performance.now();
    // `npm` as the user types it; npm start puts node_modules/.bin (Node.js 24) first on PATH.
    const child = spawn('npm', ['start', '--silent', '--', '--data', data, '--out', out, '--now', now], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (error) => done({ ms: Number.NaN, error: error.message }));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      done({ ms, error: code === 0 ? null : `npm start exited ${code}: ${stderr.trim()}` });
    });
  });
}

/** `runs` first runs and as many unchanged runs, after one warm-up, under `dir`. */
export async function measureStartUp(root: string, dir: string, runs = 5): Promise<StartUp> {
  const first: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const data = join(dir, `start-${i}`, 'data');
    const out = join(dir, `start-${i}`, 'out');
    for (const [index, now] of NOW.entries()) {
      const run = await npmStart(root, data, out, now);
      if (run.error !== null)
        return { firstRunMs: Number.NaN, unchangedRunMs: Number.NaN, runs: i, error: run.error };
      if (i === 0) continue;
      (index === 0 ? first : unchanged).push(run.ms);
    }
  }
  return { firstRunMs: median(first), unchangedRunMs: median(unchanged), runs, error: null };
}

/**
 * The figures against the start-up target. It is judged on the unchanged run, which is what every
 * `npm start` after the first one is (the same pages, a warm compile cache); the first run on empty
 * directories is printed beside it: it also publishes the whole feed (484 files), which is the run's
 * work, not its start-up (docs/node-runtime.md, "Start-up").
 */
export function startUpLine(start: StartUp, targetMs: number): string {
  if (start.error !== null) return `npm start on the bundled pages: failed: ${start.error}`;
  const verdict = start.unchangedRunMs <= targetMs ? 'ok' : 'MISSED';
  const unchanged = `start-up (unchanged run) ${start.unchangedRunMs.toFixed(0)} ms (≤ ${targetMs}: ${verdict})`;
  const first = `first run on empty directories ${start.firstRunMs.toFixed(0)} ms`;
  return `npm start on the bundled pages, fresh-process median of ${start.runs}, warm cache: ${unchanged}, ${first}`;
}
