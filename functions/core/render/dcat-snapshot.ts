import type { Quad } from '@rdfjs/types';
import type { FeedConfig } from '../feed-config';
import type { ProjectRecord } from '../model/project';
import type { SnapshotEntry } from '../model/snapshot';
import type { CatalogueUris } from './catalogue-uris';
import { distributionName } from './dcat-catalog';
import { type DistributionDescription, describeDatasetCommon, describeDistribution } from './dcat-describe';
import { adms, dcat, dct, GraphBuilder } from './dcat-graph';
import { snapshotDescription, snapshotTitle } from './dcat-texts';

/**
 * One snapshot's own DCAT-AP document (`v1/snapshots/<id>/catalog.ttl`): the snapshot as a
 * dcat:Dataset, a version of the latest dataset (`dcat:isVersionOf`) following the snapshot before
 * it (`dcat:previousVersion`), with the snapshot's immutable files as distributions. It is written
 * once, with the snapshot, and never rewritten; the harvested catalogue only points at the newest
 * one (see dcat-catalog.ts), so a portal still shows one dataset.
 */

export const SNAPSHOT_CATALOGUE = 'catalog.ttl';

export interface SnapshotDocumentInput {
  readonly config: FeedConfig;
  readonly uris: CatalogueUris;
  readonly snapshot: SnapshotEntry;
  /** The snapshot before it, if any. */
  readonly previousId: string | null;
  /** The records the snapshot holds (for its temporal coverage). */
  readonly records: readonly ProjectRecord[];
}

const FORMATS: readonly (readonly [string, string])[] = [
  ['.excel.csv', 'CSV'],
  ['.csv', 'CSV'],
  ['.json', 'JSON'],
  ['.xlsx', 'XLSX'],
];

/** A snapshot file as a distribution of the snapshot. */
export function snapshotDistribution(
  s: SnapshotEntry,
  f: SnapshotEntry['files'][number],
): DistributionDescription {
  const file = f.path.slice(f.path.lastIndexOf('/') + 1);
  const format = FORMATS.find(([suffix]) => file.endsWith(suffix))?.[1] ?? 'BIN';
  return {
    name: distributionName(f.path),
    key: f.path,
    title: `${file} (snapshot ${s.id})`,
    description: `${file} exactly as published at ${s.createdAt}; never rewritten.`,
    mediaType: f.mediaType.split(';')[0]!.trim(),
    format,
    bytes: f.bytes,
    modified: null,
  };
}

export function snapshotQuads(input: SnapshotDocumentInput): Quad[] {
  const g = new GraphBuilder();
  const { config, uris, snapshot: s } = input;
  const node = g.iri(uris.snapshot(s.id));
  g.type(node, dcat('Dataset'));
  g.texts(node, dct('title'), snapshotTitle(s.id));
  g.texts(node, dct('description'), snapshotDescription(s));
  g.text(node, dct('identifier'), uris.snapshot(s.id));
  g.text(node, dcat('version'), s.version);
  g.text(node, adms('versionNotes'), snapshotDescription(s).en, 'en');
  g.when(node, dct('issued'), s.createdAt);
  describeDatasetCommon(g, node, config, uris, input.records);
  g.add(node, dcat('isVersionOf'), g.iri(uris.dataset));
  if (input.previousId) g.add(node, dcat('previousVersion'), g.iri(uris.snapshot(input.previousId)));
  // The EU file-type table has no code for JSON Lines: changes.jsonl is in the snapshot and its
  // datapackage.json, and changes.csv (the same rows) stands for it in the catalogue.
  const files = s.files.filter((f) => !f.path.endsWith('.jsonl')).map((f) => snapshotDistribution(s, f));
  for (const d of files) g.add(node, dcat('distribution'), g.iri(uris.snapshotDistribution(s.id, d.name)));
  for (const d of files) {
    describeDistribution(g, g.iri(uris.snapshotDistribution(s.id, d.name)), d, config, uris, s.createdAt);
  }
  return g.quads;
}
