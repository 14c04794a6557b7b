import type { RunReport, SourceReport } from '../core/model/run-report';

/**
 * The per-source metrics, one name per thing an operator does about it, each emitted with the
 * dimension `SourceId` only for a source that had the problem (a metric costs only in the hours it
 * receives data). The stack's per-source alarms (infra/constructs/alarms.ts) watch these names.
 */
export const SOURCE_PROBLEM_METRICS = {
  /** HTTP 404 or 410, or a redirect to an address that is not the source's: find where the page went. */
  moved: 'SourceMoved',
  /** Network, DNS, timeout, 5xx, 429: transient; it matters only when it lasts. */
  unreachable: 'SourceUnreachable',
  /** Fetched but not used (layout drift, collapse, wrong type, too large): look at the page. */
  refused: 'SourceRefused',
} as const;
export type SourceProblem = keyof typeof SOURCE_PROBLEM_METRICS;

/** The dimension of the per-source metrics. */
export const SOURCE_ID_DIMENSION = 'SourceId';

/**
 * The run's figures as one CloudWatch Embedded Metric Format log line: CloudWatch turns it into
 * metrics without an API call, so the harvester needs no cloudwatch:PutMetricData permission.
 * `SuccessfulRuns` is 1 when the run published or confirmed the sources it could read: every status
 * but `failed` (no source usable). A source that failed or was refused is reported by name in
 * `sourceMetricsLines`, so one moved page no longer looks like a dead pipeline.
 */
export function runMetricsLine(namespace: string, report: RunReport, durationMs: number, at: Date): string {
  const refused = report.sources.filter((s) => s.status === 'refused').length;
  const values = {
    SuccessfulRuns: report.status === 'failed' ? 0 : 1,
    Projects: report.counts.total,
    NewProjects: report.counts.new,
    ChangedProjects: report.counts.changed,
    RemovedProjects: report.counts.removed,
    RefusedSources: refused,
    DurationMs: durationMs,
  };
  return emfLine(namespace, at, [], Object.keys(values), {
    runId: report.runId,
    status: report.status,
    ...values,
  });
}

/** What an unusable source's problem is, or null for a source that was read, kept or skipped. */
export function sourceProblem(source: SourceReport): SourceProblem | null {
  if (source.status === 'refused') return 'refused';
  if (source.status !== 'failed') return null;
  return source.problem === 'moved' ? 'moved' : source.problem === 'rejected' ? 'refused' : 'unreachable';
}

/** One EMF line per source that failed or was refused: its problem's metric, 1, under its id. */
export function sourceMetricsLines(namespace: string, report: RunReport, at: Date): string[] {
  return report.sources.flatMap((source) => {
    const problem = sourceProblem(source);
    if (problem === null) return [];
    const name = SOURCE_PROBLEM_METRICS[problem];
    return [
      emfLine(namespace, at, [SOURCE_ID_DIMENSION], [name], {
        runId: report.runId,
        [SOURCE_ID_DIMENSION]: source.id,
        problem,
        [name]: 1,
      }),
    ];
  });
}

function emfLine(
  namespace: string,
  at: Date,
  dimensions: readonly string[],
  metrics: readonly string[],
  fields: Record<string, unknown>,
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [dimensions],
          Metrics: metrics.map((Name) => ({ Name, Unit: Name === 'DurationMs' ? 'Milliseconds' : 'Count' })),
        },
      ],
    },
    ...fields,
  });
}
