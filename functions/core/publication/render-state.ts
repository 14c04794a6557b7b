import type { FeedConfig } from '../feed-config';
import { baselineOf } from '../model/baseline';
import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import type { Publication } from '../model/publication';
import type { RunReport } from '../model/run-report';
import type { SnapshotEntry } from '../model/snapshot';
import { renderCatalogue } from '../render/catalogue-files';
import type { ChangeLogInput } from '../render/changes-log';
import type { OutputFile } from '../render/output-file';
import { datasetMeta, datasetSources } from '../render/projects-json';
import { renderXlsxFile } from '../render/projects-xlsx';
import type { DetailRenderer, RenderContext, Renderer } from '../render/render-context';
import { DEFAULT_RENDERERS, DETAIL_RENDERERS, renderDataset } from '../render/render-dataset';
import { renderSubscriberFeeds } from '../render/subscriber-feeds';
import type { SourceModule } from '../sources/source-module';
import { manifestSha256 } from './manifest';
import { organisationDetail } from './organisation-detail';
import { type PublishedFeedInput, unchangedFeedKeys } from './unchanged-feeds';

/** A publication before it is rendered: what the files are rendered from besides records and versions. */
export type PublicationInput = Omit<Publication, 'status' | 'files' | 'manifestSha256'>;

export interface RenderStateInput {
  readonly config: FeedConfig;
  readonly sources: readonly Pick<SourceModule, 'id' | 'title' | 'publisher' | 'url'>[];
  readonly publication: PublicationInput;
  /** Every project, removed ones included, in publication order. */
  readonly records: readonly ProjectRecord[];
  /** Projects whose per-project files are rendered. */
  readonly changedIds: ReadonlySet<string>;
  readonly historyById: ReadonlyMap<string, readonly ProjectVersion[]>;
  readonly recentChanges: readonly ProjectVersion[];
  /** The snapshots committed before this publication, oldest first. */
  readonly snapshots: readonly SnapshotEntry[];
  /** The dataset-wide renderers (tests); given, no per-project file is rendered. */
  readonly renderers?: readonly Renderer[];
  /**
   * What the last complete publication rendered the per-subscriber feeds from: those that render
   * alike from it are not written again. Absent (a first run, a format change, finishing a
   * pending publication): every feed is written.
   */
  readonly published?: PublishedFeedInput | null;
  /** What the change history files are rendered from (see publication/change-log.ts); absent, none are. */
  readonly changeLog?: ChangeLogInput;
}

export interface RenderedState {
  /** The dataset-wide files, the catalogue and the snapshot: bounded in number, bodies as bytes. */
  readonly files: OutputFile[];
  /** Keys among `files` with the bytes already published (per-subscriber feeds): not written again. */
  readonly unchanged: ReadonlySet<string>;
  /** The per-project files, rendered only when written (see DetailFiles). */
  readonly detail: DetailFiles;
  /** Every file of the publication: `files` and the detail files. */
  readonly fileCount: number;
  /** The snapshot this publication adds; null when it renders no dataset files. */
  readonly snapshot: SnapshotEntry | null;
  readonly manifestSha256: string;
}

/**
 * The files of every changed project, rendered batch by batch each time they are iterated, so a
 * publication of a long list never holds them all. The state keeps what they are rendered from.
 */
export interface DetailFiles {
  readonly count: number;
  readonly keys: readonly string[];
  batches(): Iterable<OutputFile[]>;
}

/** Projects whose files are rendered and written together: a few megabytes of bodies at a time. */
export const DETAIL_BATCH_PROJECTS = 200;

/**
 * Every file of a publication, rendered from state alone: the same input gives the same bytes.
 * A run renders its publication with this before committing it, and a later run that finds the
 * publication still pending renders it again from the committed state to finish writing it.
 */
export async function renderState(input: RenderStateInput): Promise<RenderedState> {
  const ctx = renderContextOf(input);
  const renderers = input.renderers ?? DEFAULT_RENDERERS;
  // The workbook first (exceljs writes asynchronously), then each renderer's text turned into bytes as
  // soon as it is rendered: exceljs's model of every cell is the largest transient of a render, and is
  // gone before the other files are built, and no file is held as text and as bytes for long. The
  // order of the files stays: the renderers', then the workbook.
  const workbook = (await renderXlsxFile(ctx)).map(asBytes);
  const dataset = [...renderDataset(ctx, renderers, asBytes), ...workbook];
  const catalogue = renderCatalogue(ctx, dataset);
  const files = [...dataset, ...catalogue.files.map(asBytes)];
  const unchanged =
    input.published && renderers.includes(renderSubscriberFeeds)
      ? unchangedFeedKeys(files, ctx, input.published)
      : new Set<string>();
  const detailRenderers = input.renderers ? [] : DETAIL_RENDERERS;
  const detail = detailFiles(ctx, detailRenderers, detailRenderers.length > 0);
  return {
    files,
    unchanged,
    detail,
    fileCount: files.length + detail.count,
    snapshot: catalogue.snapshot,
    manifestSha256: manifestSha256(files, detail.manifestLines),
  };
}

/** What the renderers see of a publication. */
function renderContextOf(input: RenderStateInput): RenderContext {
  const { config, publication } = input;
  // Renderers read the report for the run's time and counts only; everything else of a run's
  // report (warnings, per-source detail) belongs to status.json, which is not part of the state.
  const report: RunReport = {
    runId: publication.runId,
    startedAt: publication.startedAt,
    status: 'published',
    counts: publication.counts,
    sources: [],
    warnings: [],
    published: [],
  };
  return {
    config,
    meta: datasetMeta(
      input.records,
      datasetSources(input.sources, publication.sources),
      config,
      publication.startedAt,
    ),
    records: input.records,
    changedIds: input.changedIds,
    historyById: input.historyById,
    recentChanges: input.recentChanges,
    report,
    snapshots: input.snapshots,
    reference: publication.reference,
    baselineAt: baselineOf(input.records),
    ...(input.changeLog ? { changeLog: input.changeLog } : {}),
  };
}

/**
 * A body as the bytes the store writes, converted once: its digest (for the catalogue, the
 * snapshot and the manifest) is then taken once of those bytes, and the store writes them as they are.
 */
function asBytes(file: OutputFile): OutputFile {
  return typeof file.body === 'string' ? { ...file, body: Buffer.from(file.body, 'utf8') } : file;
}

/**
 * The per-project files: their keys and manifest lines now, their bodies only when iterated.
 *
 * They are not rendered before the commit (that would hold them all, or render them twice), so
 * each manifest line names a file by what it is rendered from: its project's record and history.
 * Both are immutable per version (the diff gives any change a new version and time), so the versions
 * name them. A finishing run thus tells a changed state from the committed one, though not a
 * renderer changed in between; it writes what the committed state renders.
 */
function detailFiles(
  ctx: RenderContext,
  renderers: readonly DetailRenderer[],
  withOrganisations: boolean,
): DetailFiles & { readonly manifestLines: readonly string[] } {
  const ids = renderers.length === 0 ? [] : [...ctx.changedIds].sort();
  const organisations = withOrganisations ? organisationDetail(ctx, DETAIL_BATCH_PROJECTS) : null;
  const byId = new Map(ctx.records.map((r) => [r.id, r]));
  const keys: string[] = [];
  const manifestLines: string[] = [];
  for (const id of ids) {
    const record = byId.get(id);
    const history = (ctx.historyById.get(id) ?? []).map((v) => `${v.version}@${v.changedAt}`).join(',');
    const input = `${record ? `${record.version}@${record.lastChangedAt}` : 'none'};${history}`;
    for (const r of renderers) {
      for (const key of r.keysOf(id)) {
        keys.push(key);
        manifestLines.push(`${key}\tinput:${input}`);
      }
    }
  }
  keys.push(...(organisations?.keys ?? []));
  manifestLines.push(...(organisations?.manifestLines ?? []));
  return {
    count: keys.length,
    keys,
    manifestLines,
    *batches() {
      for (let start = 0; start < ids.length; start += DETAIL_BATCH_PROJECTS) {
        const batchIds = ids.slice(start, start + DETAIL_BATCH_PROJECTS);
        // The batch's own records only: a renderer looks its projects up among them.
        const batch: RenderContext = {
          ...ctx,
          records: batchIds.flatMap((id) => byId.get(id) ?? []),
          changedIds: new Set(batchIds),
        };
        yield renderers.flatMap((r) => r.render(batch));
      }
      if (organisations) yield* organisations.batches();
    },
  };
}
