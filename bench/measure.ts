/**
 * Child process of `npm run bench`: measures one workload in a fresh process, so its peak RSS is
 * its own. The bench bundles this file with esbuild and runs it with plain `node --expose-gc`, as
 * the Lambda runs its bundle (no tsx loader in the process). Arguments:
 *   <pipeline|floor> <work dir> <warm-ups> <iterations> <extract-split runs>
 * Reads page.html (and state.json) from the work dir and prints one JSON line (MeasureResult).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { diffProjects } from '../functions/core/diff';
import { feedConfigSchema } from '../functions/core/feed-config';
import { linkOutputs } from '../functions/core/link';
import type { RunRef } from '../functions/core/model/history';
import type { ProjectRecord } from '../functions/core/model/project';
import type { RunCounts } from '../functions/core/model/run-report';
import { renderProjectsCsv } from '../functions/core/render/projects-csv';
import { datasetMeta, datasetSources, renderProjectsJson } from '../functions/core/render/projects-json';
import { eusaAmif2021, parseEusaAmif2021 } from '../functions/core/sources/eusa-amif-2021';
import { BENCH_RUN_AT } from './stored-state';

export type Mode = 'pipeline' | 'floor';

/** Wall and CPU times (user + system of all threads, so GC helpers count), ms, by name. */
export interface Timings {
  readonly wall: Record<string, number[]>;
  readonly cpu: Record<string, number[]>;
}

export interface MeasureResult {
  readonly mode: Mode;
  /** Each measured iteration. */
  readonly totals: Timings;
  /** Per stage, each measured iteration (pipeline only). */
  readonly stages: Timings;
  /** Split of the extract stage, from extra runs after the measured ones (pipeline only). */
  readonly extractSplit: Timings;
  /** process.resourceUsage().maxRSS after the first run (the cold one, state loaded), KB. */
  readonly firstRunMaxRssKb: number;
  /** process.resourceUsage().maxRSS at the end, after every run, KB. */
  readonly maxRssKb: number;
  readonly counts: RunCounts | null;
  readonly cells: number;
  readonly outputBytes: { json: number; csv: number } | null;
}

const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif-feed.example.org' });
const run: RunRef = {
  runId: 'run-bench',
  at: BENCH_RUN_AT,
  sources: [{ id: eusaAmif2021.id, url: eusaAmif2021.url, sha256: null }],
};

const newTimings = (): Timings => ({ wall: {}, cpu: {} });

function push(stages: Record<string, number[]>, name: string, value: number): void {
  const list = stages[name] ?? [];
  list.push(value);
  stages[name] = list;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

function timed<T>(timings: Timings, name: string, work: () => T): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = work();
  push(timings.wall, name, performance.now() - start);
  push(timings.cpu, name, cpuMs(process.cpuUsage(cpu)));
  return value;
}

/** The whole pipeline short of I/O: extract (parse + normalise), link, diff, render JSON and CSV. */
function pipelineOnce(html: string, current: readonly ProjectRecord[], stages: Timings) {
  const output = timed(stages, 'extract', () => eusaAmif2021.extract(html));
  const linked = timed(stages, 'link', () => linkOutputs([output]));
  const diff = timed(stages, 'diff', () =>
    diffProjects({ drafts: linked.drafts, current, readSources: new Set([eusaAmif2021.id]), run }),
  );
  const json = timed(stages, 'render-json', () => {
    const sources = datasetSources(
      [eusaAmif2021],
      [{ id: eusaAmif2021.id, pageUpdated: output.pageUpdated }],
    );
    return renderProjectsJson(datasetMeta(diff.records, sources, config, BENCH_RUN_AT), diff.records);
  });
  const csv = timed(stages, 'render-csv', () => renderProjectsCsv(diff.records));
  return { counts: diff.counts, json: json.length, csv: csv.length };
}

/** The floor: what any scraper of this page must do at least, parse it and read every cell's text. */
function floorOnce(html: string): number {
  const $ = cheerio.load(html);
  const texts: string[] = [];
  $('td').each((_, el) => {
    texts.push($(el).text());
  });
  return texts.length;
}

function main(): void {
  const [mode, dir, ...counts] = process.argv.slice(2);
  if ((mode !== 'pipeline' && mode !== 'floor') || !dir) {
    throw new Error('usage: measure <pipeline|floor> <dir> <warm-ups> <iterations> <split runs>');
  }
  const [warmups = 1, iterations = 5, splitRuns = 1] = counts.map(Number);
  const html = readFileSync(join(dir, 'page.html'), 'utf8');
  const current: ProjectRecord[] =
    mode === 'pipeline' ? JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) : [];
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const stages = newTimings();
  const totals = newTimings();
  let runCounts: RunCounts | null = null;
  let outputBytes: MeasureResult['outputBytes'] = null;
  let cells = 0;
  let firstRunMaxRssKb = 0;

  for (let i = 0; i < warmups + iterations; i++) {
    gc();
    const measured = i >= warmups;
    timed(measured ? totals : newTimings(), 'total', () => {
      if (mode === 'pipeline') {
        const result = pipelineOnce(html, current, measured ? stages : newTimings());
        runCounts = result.counts;
        outputBytes = { json: result.json, csv: result.csv };
      } else {
        cells = floorOnce(html);
      }
    });
    if (i === 0) firstRunMaxRssKb = process.resourceUsage().maxRSS;
  }

  // Where extract's time goes: cheerio.load alone and parseEusaAmif2021 (load + table walk); the
  // rest of extract is normalising (zod included). Extra runs, not part of the totals above.
  const extractSplit = newTimings();
  if (mode === 'pipeline') {
    for (let i = 0; i < splitRuns; i++) {
      gc();
      timed(extractSplit, 'cheerio.load', () => cheerio.load(html));
      gc();
      timed(extractSplit, 'parseEusaAmif2021', () => parseEusaAmif2021(html));
    }
  }

  const result: MeasureResult = {
    mode,
    totals,
    stages,
    extractSplit,
    firstRunMaxRssKb,
    maxRssKb: process.resourceUsage().maxRSS,
    counts: runCounts,
    cells,
    outputBytes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
