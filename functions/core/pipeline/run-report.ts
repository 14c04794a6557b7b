import type { RunCounts, RunReport, SourceReport } from '../model/run-report';
import { STATUS_KEY } from '../render/status-json';
import type { FinishedPublication } from './finish-pending';

/** Exit code the command line and the Lambda's metrics derive from a report. */
export function exitCodeOf(report: RunReport): 0 | 1 | 3 {
  if (report.sources.some((s) => s.status === 'refused')) return 3;
  if (report.status === 'failed' || report.sources.some((s) => s.status === 'failed')) return 1;
  return 0;
}

function runStatus(reports: readonly SourceReport[], published: boolean): RunReport['status'] {
  const usable = reports.filter((r) => r.status !== 'skipped');
  const bad = usable.filter((r) => r.status === 'refused' || r.status === 'failed');
  if (bad.length > 0 && bad.length === usable.length) return 'failed';
  if (bad.length > 0) return 'partial';
  return published ? 'published' : 'unchanged';
}

export interface ReportInput {
  readonly runId: string;
  readonly startedAt: string;
  /** Every source's report and every listing's, in the order read. */
  readonly sources: readonly SourceReport[];
  readonly counts: RunCounts;
  /** The files this run's own publication wrote; null when it published none. */
  readonly published: readonly string[] | null;
  readonly warnings: readonly string[];
  readonly finished: FinishedPublication | null;
}

/** The run's report: what the command line prints, status.json holds and the state records. */
export function buildReport(input: ReportInput): RunReport {
  const { finished } = input;
  return {
    runId: input.runId,
    startedAt: input.startedAt,
    status: runStatus(input.sources, input.published !== null),
    counts: input.counts,
    sources: [...input.sources],
    warnings: [...input.warnings],
    // A run that finished another's publication wrote those files too, and says so.
    published: [...new Set([...(finished?.keys ?? []), ...(input.published ?? []), STATUS_KEY])].sort(),
    ...(finished ? { finishedPublication: { runId: finished.runId, files: finished.keys.length } } : {}),
  };
}
