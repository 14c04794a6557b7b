import { renderAtomFeedFile } from './atom-feed';
import { renderChangesJson } from './changes-json';
import { renderChangesLog } from './changes-log';
import { renderExcelCsv } from './excel-csv';
import { renderJsonFeedFile } from './json-feed';
import { renderOrganisationsIndex } from './organisation-files';
import type { OutputFile } from './output-file';
import { CACHE_LATEST, CONTENT_TYPES } from './output-file';
import { projectHistories } from './project-history-json';
import { renderProjectsCsv } from './projects-csv';
import { projectsJsonFile } from './projects-json';
import { renderReferenceJson } from './reference-json';
import type { DetailRenderer, RenderContext, Renderer } from './render-context';
import { renderProjectPages, renderSiteFrontPages } from './site/render-site';
import { renderSearchIndex } from './site/search-index';
import { renderSubscriberFeeds } from './subscriber-feeds';

/** The "latest" dataset files: v1/projects.json and v1/projects.csv. */
export const renderLatestDataset: Renderer = (ctx: RenderContext): OutputFile[] => [
  projectsJsonFile('v1/projects.json', ctx.meta, ctx.records),
  {
    key: 'v1/projects.csv',
    body: renderProjectsCsv(ctx.records),
    contentType: CONTENT_TYPES.csv,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  },
];

/**
 * The renderers of a changing run's dataset-wide files, in no particular order: publishing orders
 * them by stage. Each writes a bounded number of files, so they are rendered at once.
 */
export const DEFAULT_RENDERERS: readonly Renderer[] = [
  renderLatestDataset,
  renderExcelCsv,
  renderChangesJson,
  renderChangesLog,
  renderAtomFeedFile,
  renderJsonFeedFile,
  renderSubscriberFeeds,
  renderSiteFrontPages,
  renderSearchIndex,
  renderReferenceJson,
  renderOrganisationsIndex,
];

/** The renderers of per-project files, rendered and written batch by batch (see DetailRenderer). */
export const DETAIL_RENDERERS: readonly DetailRenderer[] = [projectHistories, renderProjectPages];

export function renderDataset(
  ctx: RenderContext,
  renderers: readonly Renderer[] = DEFAULT_RENDERERS,
  each: (file: OutputFile) => OutputFile = (file) => file,
): OutputFile[] {
  return renderers.flatMap((render) => render(ctx).map(each));
}
