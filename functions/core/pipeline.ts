import { DEFAULTS } from './defaults';
import type { ProjectRecord } from './model/project';
import type { RunReport } from './model/run-report';
import { withDiscovery } from './pipeline/discover';
import { finishPending } from './pipeline/finish-pending';
import { type PipelineOptions, type RunIds, runIdsOf } from './pipeline/run-options';
import { loadStoredHead } from './pipeline/stored-state';
import { refuseTimeGoingBack } from './pipeline/time-going-back';
import { recordUnchangedRun } from './pipeline/unchanged-run';
import { readSources } from './read-sources';
import { OUTPUT_FORMAT_VERSION } from './render/format-version';

export type { PipelineOptions } from './pipeline/run-options';
export { exitCodeOf } from './pipeline/run-report';

/**
 * One harvest, as named phases (each in pipeline/): finish what an earlier run left pending →
 * discover releases → read sources → link → diff → plan the publication → commit → publish →
 * notify. The state commit comes before any file is written and records the publication as
 * pending; the run that writes every file marks it done, and a run that finds it still pending
 * renders it again from the committed state and writes it first. So the latest files are always
 * what the committed state renders.
 */
export async function runPipeline(options: PipelineOptions): Promise<RunReport> {
  const ids = runIdsOf(options);
  await options.state.acquireLease(ids.holder, options.leaseSeconds ?? DEFAULTS.leaseSeconds);
  try {
    await refuseTimeGoingBack(options.state, ids.startedAt);
    return await harvest(options, ids);
  } catch (error) {
    options.logger.error('run failed', {
      runId: ids.runId,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    await options.state.releaseLease(ids.holder);
  }
}

async function harvest(pipelineOptions: PipelineOptions, ids: RunIds): Promise<RunReport> {
  const recovery = await finishPending(pipelineOptions, ids.holder);
  const head = await loadStoredHead(pipelineOptions.state);
  const options = await withDiscovery(pipelineOptions, ids.startedAt, head.sourceStates);
  let current: Promise<ProjectRecord[]> | null = null;
  const loadCurrent = () => {
    current ??= options.state.loadCurrent();
    return current;
  };
  const reads = await readSources({
    sources: options.sources,
    fetcher: options.fetcher,
    stored: head.sourceStates,
    loadOutput: (s) => options.state.loadSourceOutput(s),
    loadCurrent,
    startedAt: ids.startedAt,
    collapseThreshold: options.config.collapseThreshold,
  });
  for (const r of reads) {
    options.logger.info(`${r.module.id}: ${r.report.status}, ${r.report.records} records`, {
      warnings: r.report.warnings,
    });
  }
  const upToDate = head.publication?.formatVersion === OUTPUT_FORMAT_VERSION;
  if (upToDate && reads.every((r) => r.kind !== 'fresh')) {
    // Every page is the one last read (or could not be used): nothing can change.
    return recordUnchangedRun(options, ids, head, reads, recovery);
  }
  // Linking, diffing and rendering (with the workbook writer and the stemmers) are most of the code,
  // and a run whose pages are all unchanged needs none of it: loaded here, it is neither evaluated in
  // the Lambda's cold start nor read by such an `npm start` (docs/performance.md, "Start-up").
  const { runLinking } = await import('./pipeline/linking-run');
  return runLinking(options, ids, head, reads, recovery, loadCurrent);
}
