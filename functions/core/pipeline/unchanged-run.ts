import type { RunCounts, RunReport } from '../model/run-report';
import { publishFiles } from '../publish';
import { keptStateOf, type SourceRead } from '../source-read';
import { releasesToKeep } from './discover';
import type { Recovery } from './finish-pending';
import type { RunIds, RunOptions } from './run-options';
import { buildReport } from './run-report';
import { outcomesOf, statusOf } from './status-file';
import type { StoredHead } from './stored-state';

/**
 * A run in which no page changed: nothing can change, so nothing is extracted, linked, diffed or
 * rendered, and neither the records nor the outputs are loaded. It records the source states'
 * read times and the run, and writes status.json.
 */
export async function recordUnchangedRun(
  options: RunOptions,
  ids: RunIds,
  head: StoredHead,
  reads: readonly SourceRead[],
  recovery: Recovery,
): Promise<RunReport> {
  const { total } = head.summary;
  const counts: RunCounts = { total, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: total };
  const listings = options.discovery.reports;
  const report = buildReport({
    runId: ids.runId,
    startedAt: ids.startedAt,
    sources: [...reads.map((r) => r.report), ...listings],
    counts,
    published: null,
    warnings: [
      ...recovery.warnings,
      ...reads.flatMap((r) => r.report.warnings),
      ...listings.flatMap((r) => r.warnings),
      ...options.discovery.notes,
    ],
    finished: recovery.finished,
  });
  await options.state.commit(
    {
      records: [],
      versions: [],
      sourceStates: [],
      keptSourceStates: reads.flatMap((r) => keptStateOf(r) ?? []),
      run: report,
      publication: null,
      snapshots: [],
      notice: null,
      discovered: releasesToKeep(options.discovery),
    },
    ids.holder,
  );
  const status = statusOf(
    report,
    outcomesOf(reads, options.discovery),
    head,
    head.summary,
    recovery.finished?.detailKeys,
  );
  await publishFiles(options.store, [status]);
  return report;
}
