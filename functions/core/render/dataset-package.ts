import { digestOf } from '../model/digest';
import { catalogueUris } from './catalogue-uris';
import { buildDataPackage, type PackagedFile } from './datapackage';
import { DATASET_DESCRIPTION, DATASET_KEYWORDS } from './dcat-texts';
import type { OutputFile } from './output-file';
import type { RenderContext } from './render-context';

/** What a Data Package descriptor describes: the latest files, or one snapshot's copies of them. */
export interface PackageTarget {
  /** The files it describes, by key. */
  readonly files: ReadonlyMap<string, OutputFile>;
  /** The key a packaged file (`projects.csv`) has among them. */
  readonly keyOf: (name: string) => string;
  /** Stable URI of the dataset or of the snapshot. */
  readonly id: string;
  readonly title: string;
  readonly version: string;
}

function keywords(): string[] {
  return [...new Set([...DATASET_KEYWORDS.en, ...DATASET_KEYWORDS.fi, ...DATASET_KEYWORDS.sv])];
}

/** The descriptor of a target's files, with each file's size and SHA-256. */
export function datasetPackage(ctx: RenderContext, target: PackageTarget): Record<string, unknown> {
  const { config, meta } = ctx;
  const packaged = (name: string): PackagedFile | null => {
    const file = target.files.get(target.keyOf(name));
    return file ? { path: name, ...digestOf(file.body) } : null;
  };
  return buildDataPackage({
    config,
    id: target.id,
    version: target.version,
    created: meta.generatedAt,
    title: target.title,
    description: `${DATASET_DESCRIPTION.en}\n\n${DATASET_DESCRIPTION.fi}\n\n${config.attribution}`,
    homepage: catalogueUris(config).landingPage,
    keywords: keywords(),
    sources: meta.sources,
    csv: packaged('projects.csv'),
    excelCsv: packaged('projects.excel.csv'),
    xlsx: packaged('projects.xlsx'),
    json: packaged('projects.json'),
    changesCsv: packaged('changes.csv'),
    changesJsonl: packaged('changes.jsonl'),
  });
}
