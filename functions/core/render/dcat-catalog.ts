import type { Quad } from '@rdfjs/types';
import type { FeedConfig } from '../feed-config';
import type { ProjectRecord } from '../model/project';
import type { CatalogueUris } from './catalogue-uris';
import {
  type DistributionDescription,
  describeAgent,
  describeDatasetCommon,
  describeDistribution,
  publisherNode,
} from './dcat-describe';
import { dcat, dct, foaf, GraphBuilder, rdfs } from './dcat-graph';
import { terms } from './dcat-terms';
import {
  CATALOGUE_DESCRIPTION,
  CATALOGUE_TITLE,
  DATASET_DESCRIPTION,
  DATASET_TITLE,
  PROVENANCE,
} from './dcat-texts';
import type { DatasetSource } from './projects-json';

/**
 * The DCAT-AP 3.0 catalogue (`v1/catalog.ttl`, `v1/catalog.jsonld`): one dcat:Catalog with one
 * dcat:Dataset, the latest state, whose distributions are the latest files. Its versions, the
 * snapshots, are described in documents of their own (`v1/snapshots/<id>/catalog.ttl`, see
 * dcat-snapshot.ts): DCAT-AP 3 wants a version to be a dcat:Dataset, and CKAN's DCAT harvester
 * (avoindata.fi) imports every dcat:Dataset of the harvested document, so only outside this
 * document can a snapshot be a dataset without becoming a second portal dataset. This document
 * links the newest one (`dcat:hasCurrentVersion`, and `rdfs:seeAlso` its document); each snapshot
 * document links the one before. Every URI comes from `CatalogueUris`, so nothing a harvester keys
 * on changes from run to run, and the document does not grow with the number of snapshots.
 */

export { type DistributionDescription, temporalCoverage } from './dcat-describe';
export { DCAT_PREFIXES } from './dcat-graph';

export interface CurrentVersion {
  /** The snapshot id, e.g. `2026-11-22T040000Z`. */
  readonly id: string;
  /** Where the snapshot's own catalogue document is published (object key). */
  readonly documentKey: string;
}

export interface CatalogueInput {
  readonly config: FeedConfig;
  readonly uris: CatalogueUris;
  readonly sources: readonly DatasetSource[];
  readonly records: readonly ProjectRecord[];
  /** This publication's time (UTC timestamp). */
  readonly modified: string;
  /** When the dataset was first issued (date or UTC timestamp). */
  readonly issued: string;
  /** The current version (the newest snapshot's), if there is a snapshot. */
  readonly version: string | null;
  readonly distributions: readonly DistributionDescription[];
  /** The newest snapshot, if any. */
  readonly current: CurrentVersion | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Builds the catalogue graph. Quads come out in a fixed order, so the files are reproducible. */
export function catalogueQuads(input: CatalogueInput): Quad[] {
  const g = new GraphBuilder();
  const { config, uris } = input;
  const catalogue = g.iri(uris.catalogue);
  const dataset = g.iri(uris.dataset);

  g.type(catalogue, dcat('Catalog'));
  g.texts(catalogue, dct('title'), CATALOGUE_TITLE);
  g.texts(catalogue, dct('description'), CATALOGUE_DESCRIPTION);
  g.add(catalogue, dct('publisher'), publisherNode(g, config, uris));
  g.add(catalogue, foaf('homepage'), terms.document(g, uris.landingPage));
  for (const code of ['FIN', 'SWE', 'ENG'] as const)
    g.add(catalogue, dct('language'), terms.language(g, code));
  g.add(catalogue, dct('license'), terms.licence(g, config.licence));
  g.when(catalogue, dct('issued'), input.issued);
  g.when(catalogue, dct('modified'), input.modified);
  g.add(catalogue, dct('spatial'), terms.country(g, 'FIN'));
  g.add(catalogue, dcat('themeTaxonomy'), terms.themeScheme(g));
  g.add(catalogue, dcat('dataset'), dataset);

  g.type(dataset, dcat('Dataset'));
  g.texts(dataset, dct('title'), DATASET_TITLE);
  g.texts(dataset, dct('description'), DATASET_DESCRIPTION);
  g.text(dataset, dct('identifier'), uris.dataset);
  describeDatasetCommon(g, dataset, config, uris, input.records);
  g.add(dataset, dct('accrualPeriodicity'), terms.frequency(g, 'DAILY'));
  g.when(dataset, dct('issued'), input.issued);
  g.when(dataset, dct('modified'), input.modified);
  g.add(dataset, dcat('landingPage'), terms.document(g, uris.landingPage));
  const provenance = g.blank('provenance');
  g.add(dataset, dct('provenance'), provenance);
  g.type(provenance, dct('ProvenanceStatement'));
  g.texts(provenance, rdfs('label'), PROVENANCE);
  // The pages the data come from: related resources (documents), not `dct:source`, whose range in
  // DCAT-AP 3 is a dcat:Dataset and which CKAN would try to read as one.
  input.sources.forEach((source, i) => {
    const page = terms.document(g, source.url);
    g.add(dataset, dct('relation'), page);
    g.text(page, dct('title'), source.title);
    const agent = g.blank(`source-publisher-${i + 1}`);
    g.add(page, dct('publisher'), agent);
    if (source.pageUpdated && DATE.test(source.pageUpdated))
      g.when(page, dct('modified'), source.pageUpdated);
    // Every source is a page of a Finnish state authority (the ministry, Migri).
    describeAgent(g, agent, source.publisher, 'NationalAuthority');
  });
  if (input.version !== null) g.text(dataset, dcat('version'), input.version);
  if (input.current) {
    const snapshot = g.iri(uris.snapshot(input.current.id));
    g.add(dataset, dcat('hasCurrentVersion'), snapshot);
    g.add(snapshot, rdfs('seeAlso'), g.iri(uris.download(input.current.documentKey)));
  }
  for (const d of input.distributions) g.add(dataset, dcat('distribution'), g.iri(uris.distribution(d.name)));
  for (const d of input.distributions)
    describeDistribution(g, g.iri(uris.distribution(d.name)), d, config, uris);
  return g.quads;
}

/** A file's distribution name: `projects.excel.csv` → `projects-excel-csv`. */
export function distributionName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).replace(/\./g, '-');
}
