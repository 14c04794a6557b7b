import type { FeedConfig } from '../feed-config';
import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import type { Publication } from '../model/publication';
import type { RunReport } from '../model/run-report';
import { renderCatalogue } from '../render/catalogue-files';
import { catalogueUris } from '../render/catalogue-uris';
import type { OutputFile } from '../render/output-file';
import { datasetMeta, datasetSources } from '../render/projects-json';
import { renderXlsxFile } from '../render/projects-xlsx';
import type { RenderContext, Renderer } from '../render/render-context';
import { DEFAULT_RENDERERS, renderDataset } from '../render/render-dataset';
import {
  SNAPSHOT_INDEX_KEY,
  type SnapshotEntry,
  snapshotEntrySchema,
  snapshotId,
  snapshotIndexSchema,
} from '../render/snapshots';
import type { SourceModule } from '../sources/source-module';
import { manifestSha256 } from './manifest';

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
  readonly renderers?: readonly Renderer[];
}

export interface RenderedState {
  readonly files: OutputFile[];
  /** The snapshot this publication adds; null when it renders no dataset files. */
  readonly snapshot: SnapshotEntry | null;
  readonly manifestSha256: string;
  readonly warnings: string[];
}

/**
 * Every file of a publication, rendered from state alone: the same input gives the same bytes.
 * A run renders its publication with this before committing it, and a later run that finds the
 * publication still pending renders it again from the committed state to finish writing it.
 */
export async function renderState(input: RenderStateInput): Promise<RenderedState> {
  const { config, publication } = input;
  const uris = catalogueUris(config);
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
  const ctx: RenderContext = {
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
    previous: {
      snapshotIndex: {
        schemaVersion: 1,
        dataset: uris.dataset,
        latest: input.snapshots.at(-1)?.id ?? null,
        snapshots: input.snapshots,
      },
    },
    reference: publication.reference,
  };
  // The workbook beside the renderers: exceljs writes asynchronously.
  const dataset = [
    ...renderDataset(ctx, input.renderers ?? DEFAULT_RENDERERS),
    ...(await renderXlsxFile(ctx)),
  ];
  const catalogue = renderCatalogue(ctx, dataset);
  const files = [...dataset, ...catalogue.files];
  return {
    files,
    snapshot: newSnapshotEntry(files, publication.startedAt),
    manifestSha256: manifestSha256(files),
    warnings: catalogue.warnings,
  };
}

/** The entry the rendered snapshot index gives this publication's snapshot, as the state keeps it. */
function newSnapshotEntry(files: readonly OutputFile[], startedAt: string): SnapshotEntry | null {
  const indexFile = files.find((f) => f.key === SNAPSHOT_INDEX_KEY);
  if (!indexFile) return null;
  const text = typeof indexFile.body === 'string' ? indexFile.body : new TextDecoder().decode(indexFile.body);
  const index = snapshotIndexSchema.parse(JSON.parse(text));
  const id = snapshotId(startedAt);
  const entry = index.snapshots.find((s) => s.id === id);
  if (!entry) throw new Error(`${SNAPSHOT_INDEX_KEY} was rendered without this run's snapshot ${id}`);
  return snapshotEntrySchema.parse({
    ...entry,
    files: entry.files.map(({ url: _url, ...file }) => file),
  });
}
