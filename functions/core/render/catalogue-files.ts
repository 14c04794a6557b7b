import { catalogueUris } from './catalogue-uris';
import { CHANGES_CSV_KEY } from './changes-log';
import { buildDataPackage, dataPackageFile, type PackagedFile } from './datapackage';
import {
  catalogueQuads,
  DCAT_PREFIXES,
  type DistributionDescription,
  distributionName,
} from './dcat-catalog';
import { toJsonLd, toTurtle } from './dcat-serialise';
import { SNAPSHOT_CATALOGUE, snapshotQuads } from './dcat-snapshot';
import { DATASET_DESCRIPTION, DATASET_KEYWORDS } from './dcat-texts';
import { CACHE_IMMUTABLE, CACHE_LATEST, CONTENT_TYPES, type OutputFile } from './output-file';
import type { RenderContext } from './render-context';
import {
  digestOf,
  mergeSnapshots,
  parseSnapshotIndex,
  SNAPSHOT_COPIES,
  SNAPSHOT_DATAPACKAGE,
  type SnapshotEntry,
  snapshotChanges,
  snapshotId,
  snapshotIndexFile,
  snapshotKey,
  snapshotVersion,
} from './snapshots';

/**
 * The second rendering phase. The files that describe other files (their sizes and hashes) are
 * rendered from the first phase's output: the snapshot (byte-for-byte copies of the latest files,
 * its own datapackage.json and DCAT-AP document) and the snapshot index, v1/datapackage.json, and
 * the DCAT-AP catalogue in Turtle and JSON-LD. A run that renders no dataset files renders none of
 * these either.
 */

export const DATAPACKAGE_KEY = 'v1/datapackage.json';
export const CATALOGUE_TURTLE_KEY = 'v1/catalog.ttl';
export const CATALOGUE_JSONLD_KEY = 'v1/catalog.jsonld';

/** Files the catalogue lists as distributions when they are among the run's files or, failing that, stored. */
export const CATALOGUE_OPTIONAL_KEYS = ['v1/feed.atom'] as const;

interface LatestDistribution {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly mediaType: string;
  readonly format: string;
  readonly conformsTo?: string;
}

/** The latest files a data portal lists, in the order it shows them. */
const LATEST_DISTRIBUTIONS: readonly LatestDistribution[] = [
  {
    key: 'v1/projects.csv',
    title: 'AMIF-funded projects in Finland (CSV)',
    description:
      'One row per project, removed ones included: RFC 4180, comma-separated, UTF-8, dot decimals, ISO 8601 dates. The columns are described in datapackage.json.',
    mediaType: 'text/csv',
    format: 'CSV',
  },
  {
    key: 'v1/projects.excel.csv',
    title: 'AMIF-funded projects in Finland (CSV for Excel)',
    description:
      'The same table for spreadsheets with a Finnish locale: UTF-8 with a byte order mark, semicolon-separated, decimal commas.',
    mediaType: 'text/csv',
    format: 'CSV',
  },
  {
    key: 'v1/projects.xlsx',
    title: 'AMIF-funded projects in Finland (Excel workbook)',
    description:
      'The same table as a spreadsheet with typed cells (amounts as numbers, dates as dates), for any spreadsheet program in any locale; a second sheet describes the columns.',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    format: 'XLSX',
  },
  {
    key: 'v1/projects.json',
    title: 'AMIF-funded projects in Finland (JSON)',
    description: 'Every project with all its fields, nested: {"meta": {...}, "projects": [...]}.',
    mediaType: 'application/json',
    format: 'JSON',
  },
  {
    key: 'v1/feed.atom',
    title: 'New, changed and removed AMIF projects (Atom feed)',
    description: 'An Atom feed with one entry per significant change of a project, newest first.',
    mediaType: 'application/atom+xml',
    format: 'ATOM',
  },
  {
    key: CHANGES_CSV_KEY,
    title: 'Every change to AMIF-funded projects since the feed began (CSV)',
    description:
      'The whole history as one table: one row per changed field of every version of every project (new, ' +
      'announced, changed, removed, reinstated), with the old and new values, when the feed saw it and from ' +
      'which sources. RFC 4180 like projects.csv; the columns are described in datapackage.json.',
    mediaType: 'text/csv',
    format: 'CSV',
  },
  {
    key: DATAPACKAGE_KEY,
    title: 'Frictionless Data Package descriptor',
    description:
      'Describes the CSV files for tools: column types, formats and constraints (Table Schema), sizes and SHA-256 hashes, licence and sources.',
    mediaType: 'application/json',
    format: 'JSON',
    conformsTo: 'https://datapackage.org/standard/data-package/',
  },
];

export interface CatalogueOutput {
  readonly files: OutputFile[];
  /** Problems worth a line in the run report (e.g. an unusable snapshot index). */
  readonly warnings: string[];
}

function keywords(): string[] {
  return [...new Set([...DATASET_KEYWORDS.en, ...DATASET_KEYWORDS.fi, ...DATASET_KEYWORDS.sv])];
}

export function renderCatalogue(
  ctx: RenderContext,
  files: readonly OutputFile[],
  stored: ReadonlyMap<string, Uint8Array> = new Map(),
): CatalogueOutput {
  const byKey = new Map(files.map((f) => [f.key, f]));
  const copies = SNAPSHOT_COPIES.flatMap((name) => {
    const file = byKey.get(`v1/${name}`);
    return file ? [{ name, file }] : [];
  });
  if (copies.length === 0) return { files: [], warnings: [] };

  const { config, meta } = ctx;
  const uris = catalogueUris(config);
  const createdAt = meta.generatedAt;
  const id = snapshotId(createdAt);
  const version = snapshotVersion(id);
  const warnings: string[] = [];
  const out: OutputFile[] = [];

  const packaged = (name: string, of: ReadonlyMap<string, OutputFile>, key: string): PackagedFile | null => {
    const file = of.get(key);
    return file ? { path: name, ...digestOf(file.body) } : null;
  };
  const packageOf = (
    of: ReadonlyMap<string, OutputFile>,
    keyOf: (name: string) => string,
    packageId: string,
    title: string,
  ) =>
    buildDataPackage({
      config,
      id: packageId,
      version,
      created: createdAt,
      title,
      description: `${DATASET_DESCRIPTION.en}\n\n${DATASET_DESCRIPTION.fi}\n\n${config.attribution}`,
      homepage: uris.landingPage,
      keywords: keywords(),
      sources: meta.sources,
      csv: packaged('projects.csv', of, keyOf('projects.csv')),
      excelCsv: packaged('projects.excel.csv', of, keyOf('projects.excel.csv')),
      xlsx: packaged('projects.xlsx', of, keyOf('projects.xlsx')),
      json: packaged('projects.json', of, keyOf('projects.json')),
      changesCsv: packaged('changes.csv', of, keyOf('changes.csv')),
      changesJsonl: packaged('changes.jsonl', of, keyOf('changes.jsonl')),
    });

  // The snapshot: the latest files copied byte for byte, and a descriptor of its own.
  const snapshotFiles: OutputFile[] = copies.map(({ name, file }) => ({
    ...file,
    key: snapshotKey(id, name),
    cacheControl: CACHE_IMMUTABLE,
    stage: 'immutable',
  }));
  const snapshotByKey = new Map(snapshotFiles.map((f) => [f.key, f]));
  snapshotFiles.push(
    dataPackageFile(
      snapshotKey(id, SNAPSHOT_DATAPACKAGE),
      packageOf(snapshotByKey, (name) => snapshotKey(id, name), uris.snapshot(id), `${meta.title} (${id})`),
      true,
    ),
  );
  const described: SnapshotEntry = {
    id,
    createdAt,
    version,
    records: ctx.records.length,
    changes: snapshotChanges(ctx.report.counts),
    files: snapshotFiles.map((f) => ({ path: f.key, mediaType: f.contentType, ...digestOf(f.body) })),
  };
  const previous = parseSnapshotIndex(ctx.previous.snapshotIndex);
  if (previous.warning) warnings.push(previous.warning);
  const earlier = mergeSnapshots(previous.snapshots, described).filter((s) => s.createdAt < createdAt);
  // The snapshot's own DCAT-AP document describes the files above; the index lists it too.
  const documentKey = snapshotKey(id, SNAPSHOT_CATALOGUE);
  const document: OutputFile = {
    key: documentKey,
    body: toTurtle(
      snapshotQuads({
        config,
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
  snapshotFiles.push(document);
  const entry: SnapshotEntry = {
    ...described,
    files: [
      ...described.files,
      { path: documentKey, mediaType: document.contentType, ...digestOf(document.body) },
    ],
  };
  const snapshots = mergeSnapshots(previous.snapshots, entry);
  out.push(...snapshotFiles, snapshotIndexFile(uris.dataset, snapshots, uris.download));

  // The latest descriptor, next to the latest files.
  out.push(
    dataPackageFile(
      DATAPACKAGE_KEY,
      packageOf(byKey, (name) => `v1/${name}`, uris.dataset, meta.title),
      false,
    ),
  );

  // The catalogue: every latest file that exists, this run's or (for optional ones) a stored one.
  const all = new Map([...byKey, ...out.map((f) => [f.key, f] as const)]);
  const distributions: DistributionDescription[] = LATEST_DISTRIBUTIONS.flatMap((d) => {
    const file = all.get(d.key);
    const storedBody = (CATALOGUE_OPTIONAL_KEYS as readonly string[]).includes(d.key)
      ? stored.get(d.key)
      : undefined;
    const body = file?.body ?? storedBody;
    if (body === undefined) return [];
    return [{ ...d, name: distributionName(d.key), ...digestOf(body), modified: file ? createdAt : null }];
  });
  const quads = catalogueQuads({
    config,
    uris,
    sources: meta.sources,
    records: ctx.records,
    modified: createdAt,
    issued: config.catalogue.issued ?? snapshots[0]?.createdAt ?? createdAt,
    version,
    distributions,
    current: { id, documentKey },
  });
  out.push(
    {
      key: CATALOGUE_TURTLE_KEY,
      body: toTurtle(quads, DCAT_PREFIXES),
      contentType: CONTENT_TYPES.turtle,
      cacheControl: CACHE_LATEST,
      stage: 'index',
    },
    {
      key: CATALOGUE_JSONLD_KEY,
      body: toJsonLd(quads, DCAT_PREFIXES),
      contentType: CONTENT_TYPES.jsonld,
      cacheControl: CACHE_LATEST,
      stage: 'index',
    },
  );
  return { files: out, warnings };
}
