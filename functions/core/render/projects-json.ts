import type { FeedConfig } from '../feed-config';
import type { ProjectRecord } from '../model/project';
import type { SourceReport } from '../model/run-report';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';

export interface DatasetSource {
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly url: string;
  /** The page's own "updated" date, ISO. */
  readonly pageUpdated: string | null;
}

export interface DatasetMeta {
  readonly title: string;
  readonly generatedAt: string;
  readonly schemaVersion: 1;
  readonly licence: FeedConfig['licence'];
  readonly attribution: string;
  readonly sources: readonly DatasetSource[];
  readonly recordCount: number;
  readonly totalEuFundingEur: number;
}

export function datasetMeta(
  records: readonly ProjectRecord[],
  sources: readonly DatasetSource[],
  config: FeedConfig,
  generatedAt: string,
): DatasetMeta {
  const cents = records
    .filter((r) => r.status !== 'removed' && r.euFundingEur !== null)
    .reduce((sum, r) => sum + Math.round(r.euFundingEur! * 100), 0);
  return {
    title: 'AMIF-rahoitetut hankkeet Suomessa / AMIF-funded projects in Finland',
    generatedAt,
    schemaVersion: 1,
    licence: config.licence,
    attribution: config.attribution,
    sources,
    recordCount: records.length,
    totalEuFundingEur: cents / 100,
  };
}

/** Sources as the dataset describes them: the page's update date from this run's report. */
export function datasetSources(
  modules: readonly { id: string; title: string; publisher: string; url: string }[],
  reports: readonly Pick<SourceReport, 'id' | 'pageUpdated'>[],
): DatasetSource[] {
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    publisher: m.publisher,
    url: m.url,
    pageUpdated: reports.find((r) => r.id === m.id)?.pageUpdated ?? null,
  }));
}

export function renderProjectsJson(meta: DatasetMeta, records: readonly ProjectRecord[]): string {
  return jsonBody({ meta, projects: records });
}

export function projectsJsonFile(
  key: string,
  meta: DatasetMeta,
  records: readonly ProjectRecord[],
): OutputFile {
  return {
    key,
    body: renderProjectsJson(meta, records),
    contentType: CONTENT_TYPES.json,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  };
}
