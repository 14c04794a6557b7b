/**
 * `npm run bench`: the whole command line as users run it, in fresh processes, on a page far
 * larger than the real one. See docs/benchmark.md and `npm run bench -- --help`.
 *
 * Builds a synthetic ministry page of N rows from the real snapshot (bench/synthetic-page.ts) and
 * a copy of it with 1 % of the amounts one euro higher, next to the other bundled snapshot pages.
 * Each round, on a fresh --data and --out: a first run, an unchanged run (the same pages) and a
 * changed run (the 1 % page), each `node dist/cli/main.mjs run` exactly as `npm start` starts it;
 * then the floor: a fresh process that only loads the page and reads every <td> with cheerio.
 * Prints medians of wall time, CPU time, peak RSS (and the maximum), the files each run wrote
 * (new or rewritten files under --out, found by inode, mtime and size) and the state items it
 * wrote or deleted (the --data table read before and after the run, outside the timed process). The last line is always
 * `ratio: <first run / floor, wall> peak_rss_mb: <largest peak RSS of the first runs>`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER, harvesterBundleAliases } from '../infra/bundle-aliases';
import { NODE_ESBUILD_TARGET } from '../infra/node-runtime';
import { BENCH_USAGE, type BenchArgs, BenchUsageError, parseBenchArgs } from './bench-args';
import { bundleLine, HANDLER_PATH, measureBundle } from './bundle';
import { type ProcessUsage, runMeasured } from './process-usage';
import { measureStartUp, startUpLine } from './start-up';
import { type StateWrites, stampState, stateWritesBetween } from './state-items';
import { median } from './stats';
import { syntheticPage } from './synthetic-page';
import { stampTree, writtenBetween } from './written-files';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/main.mjs');
const SOURCE_ID = 'eusa-amif-2021';
const RUN_TIMES = ['2026-11-22T04:00:00Z', '2026-11-23T04:00:00Z', '2026-11-24T04:00:00Z'] as const;
/** Rows whose amount the changed page raises by one euro: 1 in 100. */
const isBumped = (row: number) => row % 100 === 41;

const TARGETS = {
  firstRatio: 2.0,
  firstRssMb: 512,
  unchangedRatio: 0.5,
  changedFiles: (rows: number) => 4 * Math.ceil(rows / 100) + 40,
  /** "About 2 × 200 + 2" at 20 000 rows: a record and a version per changed project, the run and the head, plus the same allowance as for files. */
  changedItems: (rows: number) => 2 * Math.ceil(rows / 100) + 2 + 40,
  /** `npm start` on the bundled pages from a warm cache, fresh-process median: an unchanged run (bench/start-up.ts). */
  startMs: 1000,
};

type Scenario = 'first' | 'unchanged' | 'changed';
const SCENARIOS: readonly { id: Scenario; label: string }[] = [
  { id: 'first', label: 'first run' },
  { id: 'unchanged', label: 'unchanged run' },
  { id: 'changed', label: '1 % changed run' },
];

interface Measured extends ProcessUsage {
  readonly written: readonly string[];
  /** State items the run put or changed, and deleted (read from the table before and after it). */
  readonly items: StateWrites;
}

interface Work {
  readonly dir: string;
  readonly pages: string;
  readonly changedPages: string;
  readonly floor: string;
}

/** Pages: every bundled snapshot, with the ministry table replaced by the synthetic one. */
async function prepare(args: BenchArgs, dir: string): Promise<Work> {
  const snapshot = readFileSync(join(ROOT, 'seeds/pages', `${SOURCE_ID}.html`), 'utf8');
  const pages = join(dir, 'pages');
  const changedPages = join(dir, 'pages-changed');
  for (const [target, bumped] of [
    [pages, () => false],
    [changedPages, isBumped],
  ] as const) {
    cpSync(join(ROOT, 'seeds/pages'), target, { recursive: true });
    writeFileSync(join(target, `${SOURCE_ID}.html`), syntheticPage(snapshot, args.rows, 2021, bumped));
  }
  const floor = join(dir, 'floor.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench/floor.ts')],
    outfile: floor,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_ESBUILD_TARGET,
    alias: harvesterBundleAliases(),
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'warning',
  });
  return { dir, pages, changedPages, floor };
}

async function runCli(work: Work, round: number, scenario: Scenario, index: number): Promise<Measured> {
  const out = join(work.dir, `round-${round}`, 'out');
  const data = join(work.dir, `round-${round}`, 'data');
  const before = await stampTree(out);
  const stateBefore = await stampState(data);
  const usage = await runMeasured(
    [
      '--enable-source-maps',
      CLI,
      'run',
      '--pages',
      scenario === 'changed' ? work.changedPages : work.pages,
      '--data',
      data,
      '--out',
      out,
      '--now',
      RUN_TIMES[index]!,
      // The synthetic pages (26 MB at 20 000 rows) pass the live fetcher's 5 MB page limit.
      '--max-page-mb',
      '256',
    ],
    { cwd: ROOT, usageDir: work.dir, env: { CI: 'true' } },
  );
  return {
    ...usage,
    written: writtenBetween(before, await stampTree(out)),
    items: stateWritesBetween(stateBefore, await stampState(data)),
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (kb: number) => Math.round(kb / 1024);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const spread = (values: readonly number[], f: (v: number) => string) =>
  `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;

function describe(label: string, runs: readonly Measured[] | readonly ProcessUsage[]): string {
  const written = runs.map((r) => ('written' in r ? r.written.length : 0));
  const exits = [...new Set(runs.map((r) => r.exitCode))].join('/');
  return [
    label.padEnd(18),
    `wall ${spread(
      runs.map((r) => r.wallMs),
      seconds,
    )} s`.padEnd(30),
    `cpu ${seconds(median(runs.map((r) => r.cpuMs)))} s`.padEnd(13),
    `peak RSS ${mb(median(runs.map((r) => r.maxRssKb)))} MB (max ${mb(Math.max(...runs.map((r) => r.maxRssKb)))})`.padEnd(
      30,
    ),
    'written' in (runs[0] ?? {}) ? `files written ${median(written)}`.padEnd(20) : ''.padEnd(20),
    'items' in (runs[0] ?? {}) ? itemsColumn(runs).padEnd(32) : ''.padEnd(32),
    `exit ${exits}`,
  ].join(' ');
}

function itemsColumn(runs: readonly Measured[] | readonly ProcessUsage[]): string {
  const written = median(runs.map((r) => ('items' in r ? r.items.written : 0)));
  const deleted = median(runs.map((r) => ('items' in r ? r.items.deleted : 0)));
  return `items written ${written} (deleted ${deleted})`;
}

function tailOf(text: string): string {
  return text.trim().split('\n').slice(-6).join('\n    ');
}

/** Prints the medians and the targets met or missed; returns the figures the last line repeats. */
function reportRuns(
  args: BenchArgs,
  runs: Record<Scenario, Measured[]>,
  floors: readonly ProcessUsage[],
): { ratio: number; firstRssMb: number } {
  const floorMs = median(floors.map((f) => f.wallMs));
  console.log(`\nmedians of ${args.iterations} fresh processes each (min–max):`);
  console.log(describe('cheerio floor', floors));
  for (const { id, label } of SCENARIOS) console.log(describe(label, runs[id]));
  const unchangedWritten = [...new Set(runs.unchanged.flatMap((r) => r.written))];
  console.log(
    `unchanged run wrote: ${unchangedWritten.slice(0, 10).join(', ') || 'nothing'}${unchangedWritten.length > 10 ? ', …' : ''}`,
  );

  const ratio = median(runs.first.map((r) => r.wallMs)) / floorMs;
  const unchangedRatio = median(runs.unchanged.map((r) => r.wallMs)) / floorMs;
  const firstRssMb = mb(Math.max(...runs.first.map((r) => r.maxRssKb)));
  const changedFiles = median(runs.changed.map((r) => r.written.length));
  const changedItems = median(runs.changed.map((r) => r.items.written + r.items.deleted));
  const firstOk = runs.first.every((r) => r.exitCode === 0);
  console.log('\ntargets:');
  console.log(`  first run exit 0 every time: ${verdict(firstOk)}`);
  console.log(
    `  first run / floor (wall): ${ratio.toFixed(2)} (≤ ${TARGETS.firstRatio}: ${verdict(ratio <= TARGETS.firstRatio)}); ` +
      `cpu ${(median(runs.first.map((r) => r.cpuMs)) / median(floors.map((f) => f.cpuMs))).toFixed(2)}`,
  );
  console.log(
    `  first run peak RSS: ${firstRssMb} MB (≤ ${TARGETS.firstRssMb}: ${verdict(firstRssMb <= TARGETS.firstRssMb)})`,
  );
  console.log(
    `  unchanged run / floor (wall): ${unchangedRatio.toFixed(2)} ` +
      `(≤ ${TARGETS.unchangedRatio}: ${verdict(unchangedRatio <= TARGETS.unchangedRatio)}); ` +
      `only v1/status.json rewritten: ${verdict(unchangedWritten.length === 1 && unchangedWritten[0] === 'v1/status.json')}`,
  );
  console.log(
    `  1 % changed run files written: ${changedFiles} (≤ ${TARGETS.changedFiles(args.rows)}: ${verdict(changedFiles <= TARGETS.changedFiles(args.rows))})`,
  );
  console.log(
    `  1 % changed run state items written or deleted: ${changedItems} ` +
      `(≤ ${TARGETS.changedItems(args.rows)}: ${verdict(changedItems <= TARGETS.changedItems(args.rows))}; ` +
      "besides records and versions: the run, the head, a snapshot, each source's state and the changed source's stored reading)",
  );
  return { ratio, firstRssMb };
}

async function main(args: BenchArgs): Promise<void> {
  const started = performance.now();
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dir = mkdtempSync(join(tmpdir(), 'amif-bench-'));
  try {
    const work = await prepare(args, dir);
    console.log(
      `setup: ${args.rows} rows, page ${(readFileSync(join(work.pages, `${SOURCE_ID}.html`)).byteLength / 1e6).toFixed(1)} MB, ${args.iterations} rounds`,
    );
    console.log(
      `machine: node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(1)} at start`,
    );
    if (args.keep) console.log(`work dir kept: ${dir}`);

    const runs: Record<Scenario, Measured[]> = { first: [], unchanged: [], changed: [] };
    const floors: ProcessUsage[] = [];
    for (let round = 0; round < args.iterations; round++) {
      for (const [index, { id }] of SCENARIOS.entries()) {
        const result = await runCli(work, round, id, index);
        runs[id].push(result);
        // Each run as it ends: a long bench on a loaded machine still leaves figures behind.
        console.log(describe(`  round ${round + 1}: ${id}`, [result]));
        if (result.exitCode !== 0)
          console.log(`  round ${round + 1}, ${id}: exit ${result.exitCode}\n    ${tailOf(result.stderr)}`);
      }
      floors.push(
        await runMeasured([work.floor, join(work.pages, `${SOURCE_ID}.html`)], { cwd: ROOT, usageDir: dir }),
      );
      console.log(describe(`  round ${round + 1}: floor`, [floors.at(-1)!]));
      rmSync(join(dir, `round-${round}`), { recursive: true, force: !args.keep });
      if (args.keep) mkdirSync(join(dir, `round-${round}`), { recursive: true });
    }

    const { ratio, firstRssMb } = reportRuns(args, runs, floors);

    if (args.bundle) {
      const bundle = await measureBundle(ROOT, join(dir, 'bundle'));
      for (const v of bundle ?? []) console.log(`  ${bundleLine(v)}`);
      if (!bundle) console.log(`  Lambda bundle: n/a (${HANDLER_PATH} does not exist)`);
      const start = await measureStartUp(ROOT, join(dir, 'start-up'));
      console.log(`  ${startUpLine(start, TARGETS.startMs)}`);
    }
    console.log(
      `load average ${loadavg()[0]!.toFixed(1)} at end; bench took ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    console.log(`ratio: ${ratio.toFixed(2)} peak_rss_mb: ${firstRssMb}`);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

let args: BenchArgs | 'help';
try {
  args = parseBenchArgs(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(`error: ${error.message}\n\n${BENCH_USAGE}`);
  process.exit(2);
}
if (args === 'help') console.log(BENCH_USAGE);
else await main(args);
