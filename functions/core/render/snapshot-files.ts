import { digestOf } from '../model/digest';
import {
  mergeSnapshots,
  SNAPSHOT_DATAPACKAGE,
  type SnapshotEntry,
  snapshotChanges,
  snapshotKey,
} from '../model/snapshot';
import type { CatalogueUris } from './catalogue-uris';
import { dataPackageFile } from './datapackage';
import { datasetPackage } from './dataset-package';
import { DCAT_PREFIXES } from './dcat-catalog';
import { toTurtle } from './dcat-serialise';
import { SNAPSHOT_CATALOGUE, snapshotQuads } from './dcat-snapshot';
import { CACHE_IMMUTABLE, CONTENT_TYPES, type OutputFile } from './output-file';
import type { RenderContext } from './render-context';

/** One snapshot: the files it writes and the entry the state and the index keep of it. */
export interface RenderedSnapshot {
  readonly files: OutputFile[];
  readonly entry: SnapshotEntry;
  /** The key of its DCAT-AP document, which the catalogue names as the current version's. */
  readonly documentKey: string;
}

/** A latest file a snapshot copies: its name in the snapshot, and the file. */
export interface SnapshotCopy {
  readonly name: string;
  readonly file: OutputFile;
}

/**
 * The snapshot `id`: the latest files copied byte for byte, a Data Package descriptor of its own,
 * and a DCAT-AP document describing both (which the entry lists too).
 */
export function renderSnapshot(
  ctx: RenderContext,
  uris: CatalogueUris,
  snapshot: { readonly id: string; readonly version: string; readonly copies: readonly SnapshotCopy[] },
): RenderedSnapshot {
  const { id, version } = snapshot;
  const createdAt = ctx.meta.generatedAt;
  const files: OutputFile[] = snapshot.copies.map(({ name, file }) => ({
    ...file,
    key: snapshotKey(id, name),
    cacheControl: CACHE_IMMUTABLE,
    stage: 'immutable',
  }));
  const descriptor = datasetPackage(ctx, {
    files: new Map(files.map((f) => [f.key, f])),
    keyOf: (name) => snapshotKey(id, name),
    id: uris.snapshot(id),
    title: `${ctx.meta.title} (${id})`,
    version,
  });
  files.push(dataPackageFile(snapshotKey(id, SNAPSHOT_DATAPACKAGE), descriptor, true));
  const described: SnapshotEntry = {
    id,
    createdAt,
    version,
    records: ctx.records.length,
    changes: snapshotChanges(ctx.report.counts),
    files: files.map((f) => ({ path: f.key, mediaType: f.contentType, ...digestOf(f.body) })),
  };
  const earlier = mergeSnapshots(ctx.snapshots, described).filter((s) => s.createdAt < createdAt);
  const document: OutputFile = {
    key: snapshotKey(id, SNAPSHOT_CATALOGUE),
    body: toTurtle(
      snapshotQuads({
        config: ctx.config,
        uris,
        snapshot: described,
        previousId: earlier.at(-1)?.id ?? null,
        records: ctx.records,
      }),
      DCAT_PREFIXES,
    ),
    contentType: CONTENT_TYPES.turtle,
    cacheControl: CACHE_IMMUTABLE,
    stage: 'immutable',
  };
  files.push(document);
  const entry: SnapshotEntry = {
    ...described,
    files: [
      ...described.files,
      { path: document.key, mediaType: document.contentType, ...digestOf(document.body) },
    ],
  };
  return { files, entry, documentKey: document.key };
}
