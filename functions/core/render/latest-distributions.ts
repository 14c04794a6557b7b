import { CHANGES_CSV_KEY } from './changes-log';

/** The key of the latest Data Package descriptor, which the catalogue lists too. */
export const DATAPACKAGE_KEY = 'v1/datapackage.json';

export interface LatestDistribution {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly mediaType: string;
  readonly format: string;
  readonly conformsTo?: string;
}

/** The latest files a data portal lists, in the order it shows them. */
export const LATEST_DISTRIBUTIONS: readonly LatestDistribution[] = [
  {
    key: 'v1/projects.csv',
    title: 'AMIF-funded projects in Finland (CSV)',
    description:
      'One row per project, removed ones included: RFC 4180, comma-separated, UTF-8, dot decimals, ISO 8601 dates. The columns are ' +
      'described in datapackage.json.',
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
      'The same table as a spreadsheet with typed cells (amounts as numbers, dates as dates), for any spreadsheet program in any locale; a ' +
      'second sheet describes the columns.',
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
