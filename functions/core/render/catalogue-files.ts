import { digestOf } from '../model/digest';
import {
  mergeSnapshots,
  SNAPSHOT_COPIES,
  type SnapshotEntry,
  snapshotId,
  snapshotVersion,
} from '../model/snapshot';
import { type CatalogueUris, catalogueUris } from './catalogue-uris';
import { dataPackageFile } from './datapackage';
import { datasetPackage } from './dataset-package';
import {
  catalogueQuads,
  DCAT_PREFIXES,
  type DistributionDescription,
  distributionName,
} from './dcat-catalog';
import { toJsonLd, toTurtle } from './dcat-serialise';
import { DATAPACKAGE_KEY, LATEST_DISTRIBUTIONS } from './latest-distributions';
import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from './output-file';
import type { RenderContext } from './render-context';
import { renderSnapshot } from './snapshot-files';
import { snapshotIndexFile } from './snapshot-index';

/**
 * The second rendering phase. The files that describe other files (their sizes and hashes) are
 * rendered from the first phase's output: the snapshot (byte-for-byte copies of the latest files,
 * its own datapackage.json and DCAT-AP document) and the snapshot index, v1/datapackage.json, and
 * the DCAT-AP catalogue in Turtle and JSON-LD. A run that renders no dataset files renders none of
 * these either.
 */

export const CATALOGUE_TURTLE_KEY = 'v1/catalog.ttl';
export const CATALOGUE_JSONLD_KEY = 'v1/catalog.jsonld';

export interface CatalogueOutput {
  /** In the order written: the snapshot's files, the index, the latest descriptor, the catalogue. */
  readonly files: OutputFile[];
  /** The snapshot this publication adds, as the state keeps it; null when it renders no dataset files. */
  readonly snapshot: SnapshotEntry | null;
}

export function renderCatalogue(ctx: RenderContext, files: readonly OutputFile[]): CatalogueOutput {
  const byKey = new Map(files.map((f) => [f.key, f]));
  const copies = SNAPSHOT_COPIES.flatMap((name) => {
    const file = byKey.get(`v1/${name}`);
    return file ? [{ name, file }] : [];
  });
  if (copies.length === 0) return { files: [], snapshot: null };

  const uris = catalogueUris(ctx.config);
  const id = snapshotId(ctx.meta.generatedAt);
  const version = snapshotVersion(id);
  const snapshot = renderSnapshot(ctx, uris, { id, version, copies });
  const snapshots = mergeSnapshots(ctx.snapshots, snapshot.entry);
  const out = [...snapshot.files, snapshotIndexFile(uris.dataset, snapshots, uris.download)];
  // The latest descriptor, next to the latest files.
  const descriptor = datasetPackage(ctx, {
    files: byKey,
    keyOf: (name) => `v1/${name}`,
    id: uris.dataset,
    title: ctx.meta.title,
    version,
  });
  out.push(dataPackageFile(DATAPACKAGE_KEY, descriptor, false));
  const all = new Map([...byKey, ...out.map((f) => [f.key, f] as const)]);
  const issued = ctx.config.catalogue.issued ?? snapshots[0]?.createdAt ?? ctx.meta.generatedAt;
  out.push(...catalogueDocuments(ctx, uris, all, { id, version, issued, documentKey: snapshot.documentKey }));
  return { files: out, snapshot: snapshot.entry };
}

/** v1/catalog.ttl and v1/catalog.jsonld: one graph listing every latest file this run wrote. */
function catalogueDocuments(
  ctx: RenderContext,
  uris: CatalogueUris,
  written: ReadonlyMap<string, OutputFile>,
  current: {
    readonly id: string;
    readonly version: string;
    readonly issued: string;
    readonly documentKey: string;
  },
): OutputFile[] {
  const { config, meta } = ctx;
  const distributions: DistributionDescription[] = LATEST_DISTRIBUTIONS.flatMap((d) => {
    const file = written.get(d.key);
    if (!file) return [];
    return [{ ...d, name: distributionName(d.key), ...digestOf(file.body), modified: meta.generatedAt }];
  });
  const quads = catalogueQuads({
    config,
    uris,
    sources: meta.sources,
    records: ctx.records,
    modified: meta.generatedAt,
    issued: current.issued,
    version: current.version,
    distributions,
    current: { id: current.id, documentKey: current.documentKey },
  });
  const latest = (key: string, body: string, contentType: string): OutputFile => ({
    key,
    body,
    contentType,
    cacheControl: CACHE_LATEST,
    stage: 'index',
  });
  return [
    latest(CATALOGUE_TURTLE_KEY, toTurtle(quads, DCAT_PREFIXES), CONTENT_TYPES.turtle),
    latest(CATALOGUE_JSONLD_KEY, toJsonLd(quads, DCAT_PREFIXES), CONTENT_TYPES.jsonld),
  ];
}
