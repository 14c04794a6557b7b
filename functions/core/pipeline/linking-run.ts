import type { ProjectRecord } from '../model/project';
import type { RunReport } from '../model/run-report';
import { publishFiles } from '../publish';
import { nextStateOf, type SourceRead } from '../source-read';
import type { Derived } from './derive';
import { releasesToKeep } from './discover';
import type { Recovery } from './finish-pending';
import { deriveGuarded } from './mass-change-retry';
import { planNotice } from './plan-notice';
import { type Plan, planPublication } from './plan-publication';
import { publishRendered, toWrite } from './publish-rendered';
import type { RunIds, RunOptions } from './run-options';
import { buildReport } from './run-report';
import { sendPendingNotices } from './send-notices';
import { outcomesOf, statusOf } from './status-file';
import { loadStoredState, type StoredHead, type StoredState } from './stored-state';

/**
 * A run in which some page changed: link → diff → plan the publication → commit → publish →
 * notify. The state commit comes before any file is written and records the publication as
 * pending; once every file is written it is marked done (see pipeline.ts).
 */
export async function runLinking(
  options: RunOptions,
  ids: RunIds,
  head: StoredHead,
  reads: readonly SourceRead[],
  recovery: Recovery,
  loadCurrent: () => Promise<ProjectRecord[]>,
): Promise<RunReport> {
  const stored = await loadStoredState(options.state, head, loadCurrent);
  const derived = deriveGuarded(options, ids, stored, reads);
  const plan = await planPublication(options, ids, stored, derived);
  const notice = planNotice(options, ids, stored, derived);
  const report = linkingReport(options, ids, derived, plan, recovery);
  await options.state.commit(
    {
      records: derived.diff.changed,
      versions: derived.diff.versions,
      sourceStates: derived.reads.flatMap((r) => nextStateOf(r, stored.sourceStates) ?? []),
      run: report,
      publication: plan?.publication ?? null,
      snapshots: plan?.snapshots ?? [],
      notice,
      discovered: releasesToKeep(options.discovery),
    },
    ids.holder,
  );
  if (plan) await publishRendered(options.store, plan.rendered);
  await publishFiles(options.store, [statusAfter(options, report, stored, derived, plan, recovery)]);
  if (plan) await options.state.markPublished(ids.runId, ids.holder);
  await sendPendingNotices(options, ids.holder);
  return report;
}

function linkingReport(
  options: RunOptions,
  ids: RunIds,
  { reads, linked, diff }: Derived,
  plan: Plan | null,
  recovery: Recovery,
): RunReport {
  const listings = options.discovery.reports;
  return buildReport({
    runId: ids.runId,
    startedAt: ids.startedAt,
    sources: [...reads.map((r) => r.report), ...listings],
    counts: diff.counts,
    published: plan ? [...toWrite(plan.rendered).map((f) => f.key), ...plan.rendered.detail.keys] : null,
    warnings: [
      ...recovery.warnings,
      ...linked.warnings,
      ...reads.flatMap((r) => r.report.warnings),
      ...listings.flatMap((r) => r.warnings),
      ...options.discovery.notes,
      ...(plan?.warnings ?? []),
    ],
    finished: recovery.finished,
  });
}

function statusAfter(
  options: RunOptions,
  report: RunReport,
  stored: StoredState,
  { reads, diff }: Derived,
  plan: Plan | null,
  recovery: Recovery,
) {
  const detailKeys = [...(plan?.rendered.detail.keys ?? []), ...(recovery.finished?.detailKeys ?? [])];
  return statusOf(report, outcomesOf(reads, options.discovery), stored, diff.records, detailKeys);
}
