import type { NamedNode, Quad_Subject } from '@rdfjs/types';
import type { FeedConfig } from '../feed-config';
import type { ProjectRecord } from '../model/project';
import type { CatalogueUris } from './catalogue-uris';
import { dcat, dcatap, dct, foaf, type GraphBuilder, TEXT_LANGS, vcard, xsd } from './dcat-graph';
import { DATASET_THEMES, type PublisherType, terms } from './dcat-terms';
import { DATASET_KEYWORDS } from './dcat-texts';

/**
 * The statements the latest dataset and each snapshot document share: the publisher, the contact
 * point, the subject and coverage of the data, and the distributions. Blank-node labels are fixed,
 * so a document is the same bytes for the same input.
 */

/** One published file, as a distribution. */
export interface DistributionDescription {
  /** Short name for the distribution URI, e.g. `projects-csv`. */
  readonly name: string;
  readonly key: string;
  readonly title: string;
  readonly description: string;
  /** IANA media type without parameters, e.g. `text/csv`. */
  readonly mediaType: string;
  /** Code in the EU file-type vocabulary, e.g. `CSV`. */
  readonly format: string;
  readonly bytes: number;
  /** When the file was last written; null when not known (a file kept from an earlier run). */
  readonly modified: string | null;
  readonly conformsTo?: string;
}

/** The earliest start and latest end date among the projects; null where no project has one. */
export function temporalCoverage(records: readonly ProjectRecord[]): {
  start: string | null;
  end: string | null;
} {
  let start: string | null = null;
  let end: string | null = null;
  for (const r of records) {
    for (const d of [r.startDate, r.endDate]) {
      if (d === null) continue;
      if (start === null || d < start) start = d;
      if (end === null || d > end) end = d;
    }
  }
  return { start, end };
}

/** An agent with a name, optionally a home page, and its ADMS publisher type. */
export function describeAgent(
  g: GraphBuilder,
  node: Quad_Subject,
  name: string,
  type: PublisherType,
  homepage?: string,
): void {
  g.type(node, foaf('Agent'));
  g.text(node, foaf('name'), name);
  if (homepage) g.add(node, foaf('homepage'), terms.document(g, homepage));
  g.add(node, dct('type'), terms.publisherType(g, type));
}

/** The feed's publisher, described once per document. */
export function publisherNode(g: GraphBuilder, config: FeedConfig, uris: CatalogueUris): NamedNode {
  const node = g.iri(uris.publisher);
  g.once(uris.publisher, () =>
    describeAgent(
      g,
      node,
      config.catalogue.publisherName,
      config.catalogue.publisherType,
      config.catalogue.publisherHomepage ?? config.publicBaseUrl,
    ),
  );
  return node;
}

/**
 * What a dataset (the latest, or a snapshot) says about its subject, coverage, publisher and
 * access: everything but its identity, versions and distributions.
 */
export function describeDatasetCommon(
  g: GraphBuilder,
  dataset: Quad_Subject,
  config: FeedConfig,
  uris: CatalogueUris,
  records: readonly ProjectRecord[],
): void {
  g.add(dataset, dct('publisher'), publisherNode(g, config, uris));
  const contact = g.blank('contact-point');
  g.add(dataset, dcat('contactPoint'), contact);
  for (const lang of TEXT_LANGS) {
    for (const keyword of DATASET_KEYWORDS[lang]) g.text(dataset, dcat('keyword'), keyword, lang);
  }
  for (const theme of Object.keys(DATASET_THEMES) as (keyof typeof DATASET_THEMES)[]) {
    g.add(dataset, dcat('theme'), terms.theme(g, theme));
  }
  g.add(dataset, dct('spatial'), terms.country(g, 'FIN'));
  const coverage = temporalCoverage(records);
  const period = g.blank('temporal-coverage');
  if (coverage.start !== null || coverage.end !== null) g.add(dataset, dct('temporal'), period);
  g.add(dataset, dct('language'), terms.language(g, 'FIN'));
  g.add(dataset, dct('accessRights'), terms.accessRight(g, 'PUBLIC'));

  g.type(contact, vcard('Kind'));
  g.text(contact, vcard('fn'), config.catalogue.contactName);
  g.add(contact, vcard('hasEmail'), g.iri(`mailto:${config.contactEmail}`));

  if (coverage.start !== null || coverage.end !== null) {
    g.type(period, dct('PeriodOfTime'));
    if (coverage.start !== null) g.typed(period, dcat('startDate'), coverage.start, xsd('date'));
    if (coverage.end !== null) g.typed(period, dcat('endDate'), coverage.end, xsd('date'));
  }
}

/**
 * A distribution. `dcat:byteSize` is an xsd:nonNegativeInteger as DCAT-AP 3 requires (avoindata.fi's
 * DCAT-AP 2 shapes still ask for xsd:decimal; CKAN's harvester reads either as an integer). There
 * is no `spdx:checksum`: SEMIC's controlled-vocabulary shape accepts only algorithm IRIs under
 * `https://spdx.org/rdf/terms`, which SPDX never minted (its terms are `http://spdx.org/rdf/terms#…`),
 * and avoindata.fi's shape accepts only SHA-1, so no checksum can pass both; the SHA-256 of every
 * file is in datapackage.json and v1/snapshots/index.json.
 */
export function describeDistribution(
  g: GraphBuilder,
  node: Quad_Subject,
  d: DistributionDescription,
  config: FeedConfig,
  uris: CatalogueUris,
  issued?: string,
): void {
  g.type(node, dcat('Distribution'));
  g.text(node, dct('title'), d.title, 'en');
  g.text(node, dct('description'), d.description, 'en');
  g.add(node, dcat('accessURL'), g.iri(uris.download(d.key)));
  g.add(node, dcat('downloadURL'), g.iri(uris.download(d.key)));
  g.add(node, dcat('mediaType'), terms.mediaType(g, d.mediaType));
  g.add(node, dct('format'), terms.fileType(g, d.format));
  g.add(node, dct('license'), terms.licence(g, config.licence));
  g.typed(node, dcat('byteSize'), String(d.bytes), xsd('nonNegativeInteger'));
  if (issued) g.when(node, dct('issued'), issued);
  if (d.modified) g.when(node, dct('modified'), d.modified);
  g.add(node, dcatap('availability'), terms.availability(g, 'STABLE'));
  if (d.conformsTo) g.add(node, dct('conformsTo'), terms.standard(g, d.conformsTo));
}
