import type { DiscoveryResult } from '../discovery/discover-releases';
import { type CurrentSummary, summariseRecords } from '../model/current-summary';
import type { ProjectRecord } from '../model/project';
import type { RunReport, SourceReport } from '../model/run-report';
import type { SourceReading } from '../model/source-state';
import { OUTPUT_FORMAT_VERSION } from '../render/format-version';
import type { OutputFile } from '../render/output-file';
import { type SourceHealth, statusFile } from '../render/status-json';
import { SUBSCRIBER_FEED_ROOT } from '../render/subscriber-feed-keys';
import { readingOf, type SourceRead } from '../source-read';
import type { SourceModule } from '../sources/source-module';

/** A source as status.json reports it: its read, and what the state remembers of it after the run. */
export interface SourceOutcome {
  readonly module: Pick<SourceModule, 'id' | 'url'>;
  readonly report: SourceReport;
  readonly nextState: SourceReading | null;
}

/** The sources and listings as status.json reports them. */
export function outcomesOf(reads: readonly SourceRead[], discovery: DiscoveryResult): SourceOutcome[] {
  return [
    ...reads.map((r) => ({ module: r.module, report: r.report, nextState: readingOf(r) })),
    ...listingOutcomes(discovery),
  ];
}

/** The listings as status.json reports them: read this run, never remembered as a source. */
function listingOutcomes(discovery: DiscoveryResult): SourceOutcome[] {
  return discovery.reports.map((report) => ({ module: report, report, nextState: null }));
}

/** v1/status.json, written after everything else: the run's report and each source's health. */
export function statusOf(
  report: RunReport,
  reads: readonly SourceOutcome[],
  stored: { readonly sourceStates: ReadonlyMap<string, SourceReading> },
  records: readonly ProjectRecord[] | CurrentSummary,
  projectFileKeys: readonly string[] = [],
): OutputFile {
  const { lastChangedAt } = 'total' in records ? records : summariseRecords(records);
  // A monitor polls status.json every minute: it names the dataset-wide files and counts the
  // per-project ones (four a changed project; 80 000 keys were 3.5 MB). `--json` lists them all.
  const perProject = new Set(projectFileKeys);
  const isFeed = (key: string) => key.startsWith(`${SUBSCRIBER_FEED_ROOT}/`);
  const health: SourceHealth[] = reads.map((r) => ({
    id: r.module.id,
    url: r.module.url,
    status: r.report.status,
    records: r.report.records,
    pageUpdated: r.report.pageUpdated,
    lastReadAt: r.nextState?.fetchedAt ?? stored.sourceStates.get(r.module.id)?.fetchedAt ?? null,
    warnings: r.report.warnings,
  }));
  return statusFile({
    schemaVersion: 1,
    formatVersion: OUTPUT_FORMAT_VERSION,
    lastRunAt: report.startedAt,
    lastChangedAt,
    run: {
      ...report,
      published: report.published.filter((key) => !perProject.has(key) && !isFeed(key)),
      publishedFiles: report.published.length,
      publishedProjectFiles: perProject.size,
      publishedSubscriberFeeds: report.published.filter(isFeed).length,
    },
    sources: health,
  });
}
