/**
 * `npm run bench`: how the pipeline copes with a page far larger than the real one.
 *
 * Builds a 20 000-row ministry page from the real snapshot (bench/synthetic-page.ts) and the state
 * a previous run would have stored (bench/stored-state.ts), then runs two workloads, each in a
 * fresh child process (bench/measure.ts, bundled with esbuild and run with plain node) so neither
 * inflates the other's peak memory:
 * - pipeline: extract (parse + normalise) → link → diff → render projects.json and projects.csv;
 * - floor: cheerio.load plus the text of every <td>, the least any scraper of the page must do.
 * Prints the median times with a per-stage breakdown, the ratio pipeline/floor, peak RSS and, when
 * functions/harvest/handler.ts exists, the harvester bundle's size and cold-load time.
 * The last line is always `ratio: <x.xx> peak_rss_mb: <n>`. See the README, "Benchmark".
 *
 * Environment: BENCH_ROWS (default 20000), BENCH_ITERATIONS (5), BENCH_WARMUPS (1, at least 1),
 * BENCH_KEEP=1 to keep the work dir (page.html, state.json, measure.mjs) for profiling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { eusaAmif2021 } from '../functions/core/sources/eusa-amif-2021';
import { HANDLER_PATH, measureBundle } from './bundle';
import type { MeasureResult, Mode, Timings } from './measure';
import { median, ms } from './stats';
import { storedState } from './stored-state';
import { syntheticPage } from './synthetic-page';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SNAPSHOT = join(ROOT, 'seeds/pages/eusa-amif-2021.html');
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5);
const WARMUPS = Math.max(1, Number(process.env.BENCH_WARMUPS ?? 1));
const RATIO_TARGET = 2.0;
const RSS_TARGET_MB = 1024;
const BUNDLE_TARGET_KB = 1536;
const COLD_LOAD_TARGET_MS = 300;

/** The measuring child as one ES module, so it runs without tsx, like the deployed bundle. */
async function bundleMeasure(dir: string): Promise<string> {
  const outfile = join(dir, 'measure.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench/measure.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // CommonJS dependencies inside an ES module bundle need a require().
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  return outfile;
}

function measure(script: string, mode: Mode, dir: string): MeasureResult {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', script, mode, dir, String(WARMUPS), String(ITERATIONS), '1'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`bench/measure.ts ${mode} exited with ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as MeasureResult;
}

const mb = (kb: number) => Math.round(kb / 1024);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const list = (values: readonly number[] = []) => values.map((t) => t.toFixed(0)).join(', ');
const row = (label: string, timings: Timings, key: string) =>
  `${label.padEnd(40)} ${ms(median(timings.wall[key] ?? []))} ${ms(median(timings.cpu[key] ?? []))}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'amif-bench-'));
  try {
    const started = performance.now();
    const html = syntheticPage(readFileSync(SNAPSHOT, 'utf8'), ROWS);
    writeFileSync(join(dir, 'page.html'), html);
    const state = storedState(eusaAmif2021.extract(html).drafts);
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    const script = await bundleMeasure(dir);
    if (process.env.BENCH_KEEP) console.log(`work dir kept: ${dir}`);
    console.log(
      `setup: ${ROWS} rows, page ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB, stored state ${state.length} records (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `machine: node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'})`,
    );
    console.log(
      `each workload: fresh process, ${WARMUPS} warm-up + ${ITERATIONS} measured runs, gc() before each\n`,
    );

    const floor = measure(script, 'floor', dir);
    const pipeline = measure(script, 'pipeline', dir);
    const floorMs = median(floor.totals.wall.total ?? []);
    const pipelineMs = median(pipeline.totals.wall.total ?? []);
    const ratio = pipelineMs / floorMs;
    const cpuRatio = median(pipeline.totals.cpu.total ?? []) / median(floor.totals.cpu.total ?? []);
    const peakMb = mb(pipeline.firstRunMaxRssKb);

    console.log(`${''.padEnd(40)} wall ms  cpu ms   (medians; cpu = all threads, GC included)`);
    console.log(row(`floor: cheerio.load + ${floor.cells} <td> texts`, floor.totals, 'total'));
    console.log(`  runs (wall): ${list(floor.totals.wall.total)}`);
    console.log(row('pipeline: extract → link → diff → render', pipeline.totals, 'total'));
    console.log(`  runs (wall): ${list(pipeline.totals.wall.total)}`);
    for (const stage of Object.keys(pipeline.stages.wall))
      console.log(row(`  ${stage}`, pipeline.stages, stage));
    for (const part of Object.keys(pipeline.extractSplit.wall)) {
      console.log(row(`    (extract split) ${part}`, pipeline.extractSplit, part));
    }
    const c = pipeline.counts;
    if (c) {
      console.log(
        `  diff counts: total ${c.total}, new ${c.new}, changed ${c.changed}, removed ${c.removed}, unchanged ${c.unchanged}`,
      );
    }
    if (pipeline.outputBytes) {
      console.log(
        `  output: projects.json ${(pipeline.outputBytes.json / 1e6).toFixed(1)} M chars, projects.csv ${(pipeline.outputBytes.csv / 1e6).toFixed(1)} M chars`,
      );
    }
    console.log(
      `ratio pipeline/floor: ${ratio.toFixed(2)} wall (target ≤ ${RATIO_TARGET}: ${verdict(ratio <= RATIO_TARGET)}), ${cpuRatio.toFixed(2)} cpu`,
    );
    console.log(
      `peak RSS, pipeline process after its first (cold) run: ${peakMb} MB (target ≤ ${RSS_TARGET_MB}: ${verdict(peakMb <= RSS_TARGET_MB)})`,
    );
    console.log(
      `peak RSS, pipeline process after all ${WARMUPS + ITERATIONS} runs: ${mb(pipeline.maxRssKb)} MB; floor process: ${mb(floor.firstRunMaxRssKb)} MB cold, ${mb(floor.maxRssKb)} MB after all runs`,
    );
    console.log(`workloads done at ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const bundle = await measureBundle(ROOT, join(dir, 'bundle'));
    if (!bundle) {
      console.log(`bundle_kb: n/a (${HANDLER_PATH} does not exist yet)`);
      console.log(`cold_load_ms: n/a (${HANDLER_PATH} does not exist yet)`);
    } else {
      for (const v of bundle) {
        const kb = v.bytes / 1024;
        console.log(
          v.bytes > 0
            ? `bundle_kb: ${kb.toFixed(1)} [${v.label}] (target ≤ ${BUNDLE_TARGET_KB}: ${verdict(kb <= BUNDLE_TARGET_KB)})`
            : `bundle_kb: n/a [${v.label}] (${v.error?.split('\n')[0]})`,
        );
        console.log(
          v.coldLoadMs === null
            ? `cold_load_ms: n/a [${v.label}] (${v.error?.split('\n')[0] ?? 'not loaded'})`
            : `cold_load_ms: ${v.coldLoadMs.toFixed(0)} [${v.label}] (node start + import, median of 5; import alone ${v.importMs?.toFixed(0)}; target ≤ ${COLD_LOAD_TARGET_MS}: ${verdict(v.coldLoadMs <= COLD_LOAD_TARGET_MS)})`,
        );
      }
    }
    console.log(`bench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`ratio: ${ratio.toFixed(2)} peak_rss_mb: ${peakMb}`);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
