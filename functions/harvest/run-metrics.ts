import type { RunReport } from '../core/model/run-report';

/**
 * The run's figures as one CloudWatch Embedded Metric Format log line: CloudWatch turns it into
 * metrics without an API call, so the harvester needs no cloudwatch:PutMetricData permission.
 * `SuccessfulRuns` is 1 only when every readable source was read and understood; the stack's
 * "no successful run for 26 hours" alarm watches it.
 */
export function runMetricsLine(namespace: string, report: RunReport, durationMs: number, at: Date): string {
  const refused = report.sources.filter((s) => s.status === 'refused').length;
  const values = {
    SuccessfulRuns: report.status === 'published' || report.status === 'unchanged' ? 1 : 0,
    Projects: report.counts.total,
    NewProjects: report.counts.new,
    ChangedProjects: report.counts.changed,
    RemovedProjects: report.counts.removed,
    RefusedSources: refused,
    DurationMs: durationMs,
  };
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [[]],
          Metrics: Object.keys(values).map((Name) => ({
            Name,
            Unit: Name === 'DurationMs' ? 'Milliseconds' : 'Count',
          })),
        },
      ],
    },
    runId: report.runId,
    status: report.status,
    ...values,
  });
}
