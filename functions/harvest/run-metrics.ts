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
 * The releases found through the listings are not known when the stack is deployed, so no alarm can
 * name one: a discovered release that is refused is also counted under this dimension and value,
 * which one alarm watches (a release whose awards cannot be read would otherwise go unannounced
 * without a word).
 */
export const SOURCE_GROUP_DIMENSION = 'SourceGroup';
export const DISCOVERED_RELEASES = 'discovered-releases';

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
  return emfLine(namespace, at, [[]], Object.keys(values), {
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

/**
 * One EMF line per source that failed or was refused: its problem's metric, 1, under its id. A
 * refused source that is not among `configured` (the page sources, configured releases and listings
 * the stack has alarms for) is a discovered release, and is counted under DISCOVERED_RELEASES as well.
 */
export function sourceMetricsLines(
  namespace: string,
  report: RunReport,
  at: Date,
  configured: ReadonlySet<string>,
): string[] {
  return report.sources.flatMap((source) => {
    const problem = sourceProblem(source);
    if (problem === null) return [];
    const name = SOURCE_PROBLEM_METRICS[problem];
    const discovered = problem === 'refused' && !configured.has(source.id);
    const dimensions = discovered
      ? [[SOURCE_ID_DIMENSION], [SOURCE_GROUP_DIMENSION]]
      : [[SOURCE_ID_DIMENSION]];
    return [
      emfLine(namespace, at, dimensions, [name], {
        runId: report.runId,
        [SOURCE_ID_DIMENSION]: source.id,
        ...(discovered ? { [SOURCE_GROUP_DIMENSION]: DISCOVERED_RELEASES } : {}),
        problem,
        [name]: 1,
      }),
    ];
  });
}

function emfLine(
  namespace: string,
  at: Date,
  dimensions: readonly (readonly string[])[],
  metrics: readonly string[],
  fields: Record<string, unknown>,
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: dimensions,
          Metrics: metrics.map((Name) => ({ Name, Unit: Name === 'DurationMs' ? 'Milliseconds' : 'Count' })),
        },
      ],
    },
    ...fields,
  });
}
