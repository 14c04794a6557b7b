import type { FeedConfig } from '../feed-config';
import type { Digest } from '../model/digest';
import { projectStatusSchema, qualityCodeSchema, specificObjectiveSchema } from '../model/project';
import { DATASET_NAME } from './catalogue-uris';
import { changesResources } from './changes-table-schema';
import { type CsvDialect, FORMULA_ESCAPE } from './csv';
import { CACHE_IMMUTABLE, CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import { type DecimalSeparator, PROJECT_COLUMNS, type ProjectColumn } from './project-columns';
import type { DatasetSource } from './projects-json';

/**
 * The Frictionless Data Package descriptor (`datapackage.json`): Data Package v2 with the v1
 * properties that v1 readers need (`profile`, contributor `role`) kept alongside, and a Table
 * Schema for each CSV generated from PROJECT_COLUMNS, so the schema and the files cannot drift.
 */

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';
export const TABLE_DIALECT_PROFILE = 'https://datapackage.org/profiles/2.0/tabledialect.json';

export const EXCEL_CSV_DIALECT: CsvDialect = { separator: ';', lineEnding: '\r\n', bom: true };

export interface TableSchemaField {
  readonly name: string;
  readonly type: 'string' | 'number' | 'integer' | 'date' | 'datetime';
  readonly format?: string;
  readonly description: string;
  readonly decimalChar?: DecimalSeparator;
  readonly bareNumber?: boolean;
  readonly constraints?: FieldConstraints;
}

export interface FieldConstraints {
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly enum?: readonly string[];
  /** An XML Schema regular expression the whole value must match (Table Schema semantics). */
  readonly pattern?: string;
  readonly minimum?: number;
}

export interface TableSchema {
  readonly $schema: string;
  readonly fields: readonly TableSchemaField[];
  readonly primaryKey: string | readonly string[];
  readonly missingValues: readonly string[];
}

const orList = (values: readonly string[]) => values.map((v) => v.replace(/[.\\-]/g, '\\$&')).join('|');
/** One value, or several separated by " | " (how the CSV writes lists). */
const listOf = (item: string) => `(${item})( \\| (${item}))*`;

/**
 * What the column definitions do not say: constraints, derived from the record schema (enums come
 * from the zod enums themselves) and true of every record the pipeline can produce.
 */
function constraintsOf(column: ProjectColumn, decimal: DecimalSeparator): FieldConstraints | undefined {
  const amount = `\\d+\\${decimal}\\d{2}`;
  switch (column.name) {
    case 'id':
      return { required: true, unique: true, pattern: '[a-z0-9][a-z0-9\\-]*' };
    case 'programme':
    case 'fund':
    case 'name':
    case 'beneficiary_id':
    case 'beneficiary_name':
    case 'source_ids':
    case 'first_seen_at':
    case 'last_changed_at':
      return { required: true };
    case 'source_urls':
      return { required: true, pattern: listOf('https?://[^ ]+') };
    case 'specific_objective_code':
      return { enum: specificObjectiveSchema.shape.code.options };
    case 'status':
      return { required: true, enum: projectStatusSchema.options };
    case 'eu_funding_eur':
      return { minimum: 0 };
    case 'version':
      return { required: true, minimum: 1 };
    case 'announcement_dates':
      return { pattern: listOf('\\d{4}-\\d{2}-\\d{2}') };
    case 'announced_amounts_eur':
      // A press release without an amount leaves its place in the list empty.
      return { pattern: `(${amount})?( \\| (${amount})?)*` };
    case 'quality_codes':
      return { pattern: listOf(`(${orList(qualityCodeSchema.options)}):[^|]*[^ |]`) };
    default:
      return undefined;
  }
}

const URI_COLUMNS = new Set(['website', 'migri_url']);

/** One Table Schema field per CSV column, in CSV order. */
export function projectsTableSchema(decimal: DecimalSeparator = '.'): TableSchema {
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: PROJECT_COLUMNS.map((column): TableSchemaField => {
      const constraints = constraintsOf(column, decimal);
      const typed: Pick<TableSchemaField, 'format' | 'decimalChar' | 'bareNumber'> =
        column.type === 'number'
          ? { decimalChar: decimal, bareNumber: true }
          : column.type === 'date' || column.type === 'datetime'
            ? { format: 'default' }
            : URI_COLUMNS.has(column.name)
              ? { format: 'uri' }
              : {};
      return {
        name: column.name,
        type: column.type,
        ...typed,
        description: column.description,
        ...(constraints ? { constraints } : {}),
      };
    }),
    primaryKey: 'id',
    missingValues: [''],
  };
}

function dialectOf(dialect: CsvDialect) {
  return {
    $schema: TABLE_DIALECT_PROFILE,
    header: true,
    delimiter: dialect.separator,
    lineTerminator: dialect.lineEnding,
    quoteChar: '"',
    doubleQuote: true,
  };
}

/** A file of the package: its path relative to the descriptor and its stored size and hash. */
export interface PackagedFile extends Digest {
  readonly path: string;
}

export interface DataPackageInput {
  readonly config: FeedConfig;
  /** Stable URI of what the descriptor describes: the dataset, or one snapshot of it. */
  readonly id: string;
  readonly version: string;
  readonly created: string;
  readonly title: string;
  readonly description: string;
  readonly homepage: string;
  readonly keywords: readonly string[];
  readonly sources: readonly DatasetSource[];
  readonly csv: PackagedFile | null;
  readonly excelCsv: PackagedFile | null;
  readonly xlsx?: PackagedFile | null;
  readonly json: PackagedFile | null;
  readonly changesCsv?: PackagedFile | null;
  readonly changesJsonl?: PackagedFile | null;
}

const ESCAPE_NOTE =
  'A cell that a spreadsheet would read as a formula (starting with = + - @ tab or carriage return, after any apostrophes) starts with one ' +
  'more apostrophe; formulaEscape says how to undo it. Summing eu_funding_eur over all rows includes removed projects: filter on status first.';

/** projects.csv: RFC 4180, for programs in any locale. */
function csvResource(file: PackagedFile): Record<string, unknown> {
  return {
    name: 'projects',
    type: 'table',
    profile: 'tabular-data-resource',
    path: file.path,
    title: 'AMIF-funded projects in Finland (CSV)',
    description:
      `One row per project, removed ones included. RFC 4180: comma-separated, CRLF line endings, UTF-8 without BOM, dot ` +
      `decimals, ISO 8601 dates: for programs (pandas, R, csvkit, frictionless) in any locale. Lists are joined with " | ". ${ESCAPE_NOTE}`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    dialect: dialectOf({ separator: ',', lineEnding: '\r\n', bom: false }),
    schema: projectsTableSchema('.'),
    formulaEscape: FORMULA_ESCAPE,
  };
}

/** projects.excel.csv: the same table for Excel with a comma-decimal locale. */
function excelCsvResource(file: PackagedFile): Record<string, unknown> {
  return {
    name: 'projects-excel',
    type: 'table',
    profile: 'tabular-data-resource',
    path: file.path,
    title: 'AMIF-funded projects in Finland (CSV for Excel)',
    description:
      `The same table for Excel with a Finnish (or other comma-decimal) locale only: UTF-8 with a byte order mark, ` +
      `semicolon-separated, decimal commas. A program reading it as an ordinary CSV gets amounts 100 times too large or not at all: use ` +
      `projects.csv, or projects.xlsx in any other spreadsheet. ${ESCAPE_NOTE}`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    dialect: dialectOf(EXCEL_CSV_DIALECT),
    schema: projectsTableSchema(','),
    formulaEscape: FORMULA_ESCAPE,
  };
}

/** projects.xlsx: the same table as a workbook with typed cells. */
function xlsxResource(file: PackagedFile): Record<string, unknown> {
  return {
    name: 'projects-xlsx',
    type: 'table',
    profile: 'tabular-data-resource',
    path: file.path,
    title: 'AMIF-funded projects in Finland (Excel workbook)',
    description:
      'The same table as an Office Open XML workbook with typed cells: amounts and versions are numbers, dates and timestamps (UTC) are ' +
      'dates, everything else is text (never a formula, so nothing is escaped). Sheet "projects" has the table with a frozen header row; ' +
      'sheet "columns" describes the columns. Opens right in any spreadsheet program and locale. Summing eu_funding_eur over all rows ' +
      'includes removed projects: filter on status first.',
    format: 'xlsx',
    mediatype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    dialect: { $schema: TABLE_DIALECT_PROFILE, header: true, sheetName: 'projects' },
    schema: projectsTableSchema('.'),
  };
}

/** projects.json: the full records, nested. */
function jsonResource(file: PackagedFile): Record<string, unknown> {
  return {
    name: 'projects-json',
    path: file.path,
    title: 'AMIF-funded projects in Finland (JSON)',
    description:
      'The full records, nested as in the source model: {"meta": {...}, "projects": [...]}. The CSV columns flatten these fields.',
    format: 'json',
    mediatype: 'application/json',
    encoding: 'utf-8',
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
  };
}

/** The publisher (creator and contact) first, then every source's publisher as rights holder. */
function contributorsOf(config: FeedConfig, sources: readonly DatasetSource[]): Record<string, unknown>[] {
  const publisher = config.catalogue.publisherName;
  return [
    {
      title: publisher,
      path: config.catalogue.publisherHomepage ?? config.publicBaseUrl,
      email: config.contactEmail,
      roles: ['creator', 'publisher', 'contact'],
      role: 'publisher',
    },
    ...[...new Set(sources.map((s) => s.publisher))].map((name) => ({
      title: name,
      roles: ['rightsHolder'],
      role: 'author',
    })),
  ];
}

/** The descriptor as a plain object (key order is the order written). */
export function buildDataPackage(input: DataPackageInput): Record<string, unknown> {
  const { config } = input;
  const resources: Record<string, unknown>[] = [
    ...(input.csv ? [csvResource(input.csv)] : []),
    ...(input.excelCsv ? [excelCsvResource(input.excelCsv)] : []),
    ...(input.xlsx ? [xlsxResource(input.xlsx)] : []),
    ...(input.json ? [jsonResource(input.json)] : []),
    ...changesResources(
      input.changesCsv,
      input.changesJsonl,
      dialectOf({ separator: ',', lineEnding: '\r\n', bom: false }),
    ),
  ];
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: DATASET_NAME,
    id: input.id,
    title: input.title,
    description: input.description,
    homepage: input.homepage,
    version: input.version,
    created: input.created,
    keywords: input.keywords,
    licenses: [{ name: config.licence.id, path: config.licence.url, title: config.licence.title }],
    sources: input.sources.map((s) => ({
      // Most source titles already name their publisher ("Hankkeet (Maahanmuuttovirasto)").
      title: s.title.includes(s.publisher) ? s.title : `${s.title} (${s.publisher})`,
      path: s.url,
      ...(s.pageUpdated ? { version: s.pageUpdated } : {}),
    })),
    contributors: contributorsOf(config, input.sources),
    attribution: config.attribution,
    resources,
  };
}

export function dataPackageFile(
  key: string,
  descriptor: Record<string, unknown>,
  immutable: boolean,
): OutputFile {
  return {
    key,
    body: jsonBody(descriptor),
    contentType: CONTENT_TYPES.json,
    cacheControl: immutable ? CACHE_IMMUTABLE : CACHE_LATEST,
    stage: immutable ? 'immutable' : 'index',
  };
}

/** How a field's type reads in the column reference. */
function typeLabel(field: TableSchemaField): string {
  switch (field.type) {
    case 'number':
      return 'number (decimal point; decimal comma in projects.excel.csv)';
    case 'date':
      return 'date (YYYY-MM-DD)';
    case 'datetime':
      return 'datetime (UTC, YYYY-MM-DDThh:mm:ssZ)';
    case 'string':
      return field.format === 'uri' ? 'string (URL)' : 'string';
    default:
      return field.type;
  }
}

/**
 * The column reference of README.md ("The columns") as a Markdown table, generated from the Table Schema
 * (and so from PROJECT_COLUMNS): a test keeps the document equal to this. Long patterns are left to
 * datapackage.json; the quality codes are listed under the table.
 */
export function columnReferenceMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = projectsTableSchema('.').fields.map((f) => {
    const c = f.constraints ?? {};
    const notes = [
      c.unique ? 'unique' : null,
      c.enum ? `one of ${c.enum.map((v) => `\`${v}\``).join(', ')}` : null,
      c.minimum !== undefined ? `at least ${c.minimum}` : null,
      c.pattern && c.pattern.length <= 30 && !c.pattern.includes('|') ? `matches \`${c.pattern}\`` : null,
    ].filter((n): n is string => n !== null);
    const description = `${f.description}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
    return `| \`${f.name}\` | ${cell(typeLabel(f))} | ${c.required ? 'yes' : ''} | ${cell(description)} |`;
  });
  return [
    '| Column | Type | Always filled | Meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Quality codes: ${qualityCodeSchema.options.map((c) => `\`${c}\``).join(', ')}.`,
  ].join('\n');
}
