import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { FeedConfig } from '../feed-config';
import type { ProjectRecord } from '../model/project';
import type { CatalogueUris } from './catalogue-uris';
import type { Prefixes } from './dcat-serialise';
import type { DatasetSource } from './projects-json';
import type { SnapshotEntry } from './snapshots';

/**
 * The DCAT-AP 3.0 description of the feed, as one list of quads: a dcat:Catalog with one
 * dcat:Dataset (the latest state, whose distributions are the published files) and, as versions
 * of it (dcat:hasVersion), one dcat:Resource per snapshot with the snapshot's immutable files as
 * its distributions. Every URI comes from `CatalogueUris`, so nothing a harvester keys on changes
 * from run to run.
 */

const { namedNode, literal, blankNode, quad } = DataFactory;

export const DCAT_PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const satisfies Prefixes;

const ns =
  (base: string) =>
  (local: string): string =>
    `${base}${local}`;
const dcat = ns(DCAT_PREFIXES.dcat);
const dct = ns(DCAT_PREFIXES.dct);
const dcatap = ns(DCAT_PREFIXES.dcatap);
const foaf = ns(DCAT_PREFIXES.foaf);
const rdf = ns(DCAT_PREFIXES.rdf);
const rdfs = ns(DCAT_PREFIXES.rdfs);
const spdx = ns(DCAT_PREFIXES.spdx);
const vcard = ns(DCAT_PREFIXES.vcard);
const xsd = ns(DCAT_PREFIXES.xsd);

/** EU Vocabularies (Publications Office authority tables) and IANA media types. */
const AUTHORITY = 'http://publications.europa.eu/resource/authority';
export const EU = {
  language: (code: 'FIN' | 'SWE' | 'ENG') => `${AUTHORITY}/language/${code}`,
  country: (code: string) => `${AUTHORITY}/country/${code}`,
  dataTheme: (code: string) => `${AUTHORITY}/data-theme/${code}`,
  dataThemeScheme: `${AUTHORITY}/data-theme`,
  frequency: (code: string) => `${AUTHORITY}/frequency/${code}`,
  fileType: (code: string) => `${AUTHORITY}/file-type/${code}`,
  licence: (code: string) => `${AUTHORITY}/licence/${code}`,
  accessRight: (code: string) => `${AUTHORITY}/access-right/${code}`,
  plannedAvailability: (code: string) => `${AUTHORITY}/planned-availability/${code}`,
} as const;
export const ianaMediaType = (type: string) => `http://www.iana.org/assignments/media-types/${type}`;

/**
 * Themes from the EU data-theme vocabulary: GOVE (Government and public sector), because the data
 * are funding decisions of a ministry and how public money is spent; SOCI (Population and society),
 * because the projects are about asylum, migration and the integration of migrants.
 */
export const DATASET_THEMES = ['GOVE', 'SOCI'] as const;

/** SPDX licence ids whose EU licence authority URI is known; any other licence keeps its own URL. */
const EU_LICENCES: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'CC_BY_4_0',
  'CC0-1.0': 'CC0',
  'CC-BY-SA-4.0': 'CC_BYSA_4_0',
};

export function licenceUri(licence: FeedConfig['licence']): string {
  const code = EU_LICENCES[licence.id];
  return code ? EU.licence(code) : licence.url;
}

type Lang = 'fi' | 'sv' | 'en';
type Texts = Readonly<Record<Lang, string>>;

export const DATASET_TITLE: Texts = {
  fi: 'AMIF-rahoitetut hankkeet Suomessa',
  sv: 'AMIF-finansierade projekt i Finland',
  en: 'AMIF-funded projects in Finland',
};

export const DATASET_DESCRIPTION: Texts = {
  fi: 'Euroopan unionin turvapaikka-, maahanmuutto- ja kotouttamisrahastosta (AMIF) rahoitetut hankkeet Suomessa: hankkeen nimi, tuensaaja, erityistavoite, EU-rahoitus, alkamis- ja päättymispäivä sekä tavoitteet ja tulokset. Tiedot kootaan sisäministeriön ja Maahanmuuttoviraston verkkosivuilta, ja jokaisen hankkeen muutoshistoria säilytetään.',
  sv: 'Projekt i Finland som finansieras av Europeiska unionens asyl-, migrations- och integrationsfond (AMIF): projektets namn, stödmottagare, specifikt mål, EU-finansiering, start- och slutdatum samt mål och resultat. Uppgifterna sammanställs från inrikesministeriets och Migrationsverkets webbplatser, och varje projekts ändringshistorik bevaras.',
  en: 'Projects in Finland funded by the EU Asylum, Migration and Integration Fund (AMIF): project name, beneficiary, specific objective, EU funding, start and end dates, objectives and results. Compiled from the web pages of the Ministry of the Interior and the Finnish Immigration Service; the change history of every project is kept.',
};

export const DATASET_KEYWORDS: Readonly<Record<Lang, readonly string[]>> = {
  fi: ['AMIF', 'maahanmuutto', 'kotouttaminen', 'turvapaikka', 'EU-rahoitus', 'hankkeet', 'sisäministeriö'],
  sv: ['AMIF', 'migration', 'integration', 'asyl', 'EU-finansiering', 'projekt', 'inrikesministeriet'],
  en: ['AMIF', 'migration', 'integration', 'asylum', 'EU funding', 'projects', 'Ministry of the Interior'],
};

const CATALOGUE_TITLE: Texts = {
  fi: 'amif-feed: avoin data Suomen AMIF-hankkeista',
  sv: 'amif-feed: öppna data om AMIF-projekt i Finland',
  en: 'amif-feed: open data on AMIF-funded projects in Finland',
};

const CATALOGUE_DESCRIPTION: Texts = {
  fi: 'Luettelo amif-feedin julkaisemista avoimista tietoaineistoista: AMIF-rahoitetut hankkeet Suomessa ja niiden muuttumattomat versiot.',
  sv: 'Katalog över de öppna data som amif-feed publicerar: AMIF-finansierade projekt i Finland och deras oföränderliga versioner.',
  en: 'Catalogue of the open data published by amif-feed: AMIF-funded projects in Finland and their immutable versions.',
};

const PROVENANCE: Texts = {
  fi: 'Koottu automaattisesti lähdesivuilta (dct:source) kerran päivässä: taulukot jäsennetään, arvot normalisoidaan (päivämäärät ISO 8601 -muotoon, summat euroiksi) ja tulkitsemattomat arvot merkitään laatuliputuksin. Sivu, jonka rakenne on muuttunut, hylätään eikä sen aiemmin julkaistuja tietoja muuteta.',
  sv: 'Sammanställd automatiskt en gång om dagen från källsidorna (dct:source): tabellerna tolkas, värdena normaliseras (datum till ISO 8601, belopp till euro) och värden som inte kan tolkas märks med kvalitetsflaggor. En sida vars struktur har ändrats avvisas och tidigare publicerade uppgifter från den ändras inte.',
  en: 'Compiled automatically once a day from the source pages (dct:source): their tables are parsed, values normalised (dates to ISO 8601, amounts to euros) and values that cannot be interpreted are kept with data-quality flags. A page whose layout has changed is refused, and nothing it published before is changed.',
};

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
  readonly sha256: string;
  /** When the file was last written; null when not known (a file kept from an earlier run). */
  readonly modified: string | null;
  readonly conformsTo?: string;
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
  /** Oldest first. */
  readonly snapshots: readonly SnapshotEntry[];
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Builds the catalogue graph. Quads come out in a fixed order, so the files are reproducible. */
export function catalogueQuads(input: CatalogueInput): Quad[] {
  const quads: Quad[] = [];
  const add = (s: Quad_Subject, p: string, o: Quad_Object) => quads.push(quad(s, namedNode(p), o));
  const iri = namedNode;
  const texts = (s: Quad_Subject, p: string, t: Texts) => {
    for (const lang of ['fi', 'sv', 'en'] as const) add(s, p, literal(t[lang], lang));
  };
  const when = (value: string) => literal(value, iri(DATE.test(value) ? xsd('date') : xsd('dateTime')));
  const type = (s: Quad_Subject, cls: string) => add(s, rdf('type'), iri(cls));

  const { config, uris } = input;
  const catalogue = iri(uris.catalogue);
  const dataset = iri(uris.dataset);
  const publisher = iri(uris.publisher);
  const licence = iri(licenceUri(config.licence));
  const landing = iri(uris.landingPage);

  // The catalogue.
  type(catalogue, dcat('Catalog'));
  texts(catalogue, dct('title'), CATALOGUE_TITLE);
  texts(catalogue, dct('description'), CATALOGUE_DESCRIPTION);
  add(catalogue, dct('publisher'), publisher);
  add(catalogue, foaf('homepage'), landing);
  for (const code of ['FIN', 'SWE', 'ENG'] as const) add(catalogue, dct('language'), iri(EU.language(code)));
  add(catalogue, dct('license'), licence);
  add(catalogue, dct('issued'), when(input.issued));
  add(catalogue, dct('modified'), when(input.modified));
  add(catalogue, dct('spatial'), iri(EU.country('FIN')));
  add(catalogue, dcat('themeTaxonomy'), iri(EU.dataThemeScheme));
  add(catalogue, dcat('dataset'), dataset);

  // The publisher.
  type(publisher, foaf('Agent'));
  add(publisher, foaf('name'), literal(config.catalogue.publisherName));
  add(publisher, foaf('homepage'), iri(config.catalogue.publisherHomepage ?? config.publicBaseUrl));

  // The dataset: the latest state.
  type(dataset, dcat('Dataset'));
  texts(dataset, dct('title'), DATASET_TITLE);
  texts(dataset, dct('description'), DATASET_DESCRIPTION);
  add(dataset, dct('identifier'), literal(uris.dataset));
  add(dataset, dct('publisher'), publisher);
  const contact = blankNode('contact-point');
  add(dataset, dcat('contactPoint'), contact);
  for (const lang of ['fi', 'sv', 'en'] as const) {
    for (const keyword of DATASET_KEYWORDS[lang]) add(dataset, dcat('keyword'), literal(keyword, lang));
  }
  for (const theme of DATASET_THEMES) add(dataset, dcat('theme'), iri(EU.dataTheme(theme)));
  add(dataset, dct('spatial'), iri(EU.country('FIN')));
  const coverage = temporalCoverage(input.records);
  const period = blankNode('temporal-coverage');
  if (coverage.start !== null || coverage.end !== null) add(dataset, dct('temporal'), period);
  add(dataset, dct('accrualPeriodicity'), iri(EU.frequency('DAILY')));
  add(dataset, dct('issued'), when(input.issued));
  add(dataset, dct('modified'), when(input.modified));
  add(dataset, dct('language'), iri(EU.language('FIN')));
  add(dataset, dct('accessRights'), iri(EU.accessRight('PUBLIC')));
  add(dataset, dcat('landingPage'), landing);
  const provenance = blankNode('provenance');
  add(dataset, dct('provenance'), provenance);
  for (const source of input.sources) add(dataset, dct('source'), iri(source.url));
  if (input.version !== null) add(dataset, dcat('version'), literal(input.version));
  const latest = input.snapshots.at(-1);
  if (latest) add(dataset, dcat('hasCurrentVersion'), iri(uris.snapshot(latest.id)));
  for (const s of input.snapshots) add(dataset, dcat('hasVersion'), iri(uris.snapshot(s.id)));
  for (const d of input.distributions) add(dataset, dcat('distribution'), iri(uris.distribution(d.name)));

  type(contact, vcard('Kind'));
  add(contact, vcard('fn'), literal(config.catalogue.contactName));
  add(contact, vcard('hasEmail'), iri(`mailto:${config.contactEmail}`));

  if (coverage.start !== null || coverage.end !== null) {
    type(period, dct('PeriodOfTime'));
    if (coverage.start !== null) add(period, dcat('startDate'), literal(coverage.start, iri(xsd('date'))));
    if (coverage.end !== null) add(period, dcat('endDate'), literal(coverage.end, iri(xsd('date'))));
  }

  type(provenance, dct('ProvenanceStatement'));
  texts(provenance, rdfs('label'), PROVENANCE);

  input.sources.forEach((source, i) => {
    const page = iri(source.url);
    type(page, foaf('Document'));
    add(page, dct('title'), literal(source.title));
    const agent = blankNode(`source-publisher-${i + 1}`);
    add(page, dct('publisher'), agent);
    if (source.pageUpdated && DATE.test(source.pageUpdated))
      add(page, dct('modified'), when(source.pageUpdated));
    type(agent, foaf('Agent'));
    add(agent, foaf('name'), literal(source.publisher));
  });

  const describe = (
    node: Quad_Subject,
    d: DistributionDescription,
    checksumLabel: string,
    issued?: string,
  ) => {
    type(node, dcat('Distribution'));
    add(node, dct('title'), literal(d.title, 'en'));
    add(node, dct('description'), literal(d.description, 'en'));
    add(node, dcat('accessURL'), iri(uris.download(d.key)));
    add(node, dcat('downloadURL'), iri(uris.download(d.key)));
    add(node, dcat('mediaType'), iri(ianaMediaType(d.mediaType)));
    add(node, dct('format'), iri(EU.fileType(d.format)));
    add(node, dct('license'), licence);
    add(node, dcat('byteSize'), literal(String(d.bytes), iri(xsd('nonNegativeInteger'))));
    const checksum = blankNode(checksumLabel);
    add(node, spdx('checksum'), checksum);
    if (issued) add(node, dct('issued'), when(issued));
    if (d.modified) add(node, dct('modified'), when(d.modified));
    add(node, dcatap('availability'), iri(EU.plannedAvailability('STABLE')));
    if (d.conformsTo) add(node, dct('conformsTo'), iri(d.conformsTo));
    type(checksum, spdx('Checksum'));
    add(checksum, spdx('algorithm'), iri(spdx('checksumAlgorithm_sha256')));
    add(checksum, spdx('checksumValue'), literal(d.sha256, iri(xsd('hexBinary'))));
  };

  for (const d of input.distributions) describe(iri(uris.distribution(d.name)), d, `checksum-${d.name}`);

  // The snapshots: immutable versions of the dataset, oldest first, each linked to the one before.
  input.snapshots.forEach((s, i) => {
    const node = iri(uris.snapshot(s.id));
    // dcat:Resource, not dcat:Dataset: CKAN's DCAT harvester (avoindata.fi) imports every
    // dcat:Dataset node in the graph, so typed as datasets each snapshot would become a new
    // portal dataset. dcat:hasVersion's range is dcat:Resource in DCAT 3.
    type(node, dcat('Resource'));
    texts(node, dct('title'), {
      fi: `${DATASET_TITLE.fi}, versio ${s.id}`,
      sv: `${DATASET_TITLE.sv}, version ${s.id}`,
      en: `${DATASET_TITLE.en}, snapshot ${s.id}`,
    });
    texts(node, dct('description'), {
      fi: `Muuttumaton kopio aineistosta sellaisena kuin se julkaistiin ${s.createdAt}: ${s.records} hanketta; uusia ${s.changes.new}, muuttuneita ${s.changes.changed}, poistuneita ${s.changes.removed}, palanneita ${s.changes.reinstated}.`,
      sv: `Oföränderlig kopia av datamängden så som den publicerades ${s.createdAt}: ${s.records} projekt; nya ${s.changes.new}, ändrade ${s.changes.changed}, borttagna ${s.changes.removed}, återkomna ${s.changes.reinstated}.`,
      en: `Immutable copy of the dataset as published at ${s.createdAt}: ${s.records} projects; ${s.changes.new} new, ${s.changes.changed} changed, ${s.changes.removed} removed, ${s.changes.reinstated} reinstated.`,
    });
    add(node, dct('identifier'), literal(uris.snapshot(s.id)));
    add(node, dcat('version'), literal(s.version));
    add(node, dct('issued'), when(s.createdAt));
    add(node, dct('publisher'), publisher);
    add(node, dcat('isVersionOf'), dataset);
    const previous = input.snapshots[i - 1];
    if (previous) add(node, dcat('previousVersion'), iri(uris.snapshot(previous.id)));
    const files = s.files.map((f) => snapshotDistribution(s, f));
    for (const d of files) add(node, dcat('distribution'), iri(uris.snapshotDistribution(s.id, d.name)));
    for (const d of files) {
      describe(iri(uris.snapshotDistribution(s.id, d.name)), d, `checksum-${s.id}-${d.name}`, s.createdAt);
    }
  });

  return quads;
}

/** A file's distribution name: `projects.excel.csv` → `projects-excel-csv`. */
export function distributionName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).replace(/\./g, '-');
}

/** A snapshot file as a distribution of the snapshot's dataset. */
function snapshotDistribution(s: SnapshotEntry, f: SnapshotEntry['files'][number]): DistributionDescription {
  const file = f.path.slice(f.path.lastIndexOf('/') + 1);
  const mediaType = f.mediaType.split(';')[0]!.trim();
  const format = file.endsWith('.csv') ? 'CSV' : file.endsWith('.json') ? 'JSON' : 'BIN';
  return {
    name: distributionName(f.path),
    key: f.path,
    title: `${file} (snapshot ${s.id})`,
    description: `${file} exactly as published at ${s.createdAt}; never rewritten.`,
    mediaType,
    format,
    bytes: f.bytes,
    sha256: f.sha256,
    modified: null,
  };
}
