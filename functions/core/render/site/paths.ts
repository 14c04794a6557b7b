import type { Lang } from './i18n';

/** Where each page lives in the object store. Finnish is at the root, the others under sv/ and en/. */
export function frontPageKey(lang: Lang): string {
  return lang === 'fi' ? 'index.html' : `${lang}/index.html`;
}

export function projectPageKey(lang: Lang, id: string): string {
  return lang === 'fi' ? `projects/${id}.html` : `${lang}/projects/${id}.html`;
}

/** One beneficiary's page: every project of the organisation, with totals. */
export function organisationPageKey(lang: Lang, beneficiaryId: string): string {
  return lang === 'fi'
    ? `organisations/${beneficiaryId}.html`
    : `${lang}/organisations/${beneficiaryId}.html`;
}

/** The page of one specific objective of the 2021–2027 programme ("1", "2", "3"). */
export function objectivePageKey(lang: Lang, code: string): string {
  return lang === 'fi' ? `objectives/${code}.html` : `${lang}/objectives/${code}.html`;
}

/**
 * A relative link from one object to another, so the site works under any prefix (a CloudFront
 * distribution, a local server, a file:// copy). Keys never contain "." or ".." segments.
 */
export function relativeHref(fromKey: string, toKey: string): string {
  const depth = fromKey.split('/').length - 1;
  return '../'.repeat(depth) + toKey;
}

/** The public URL of an object: the front page as the bare base URL, the rest by key. */
export function publicUrl(baseUrl: string, key: string): string {
  return key === 'index.html' ? `${baseUrl}/` : `${baseUrl}/${key}`;
}

/** The published data files the site links by their fixed keys (some come from other renderers). */
export const DATA_FILES = {
  projectsJson: 'v1/projects.json',
  projectsCsv: 'v1/projects.csv',
  projectsExcelCsv: 'v1/projects.excel.csv',
  projectsXlsx: 'v1/projects.xlsx',
  datapackage: 'v1/datapackage.json',
  catalogTtl: 'v1/catalog.ttl',
  catalogJsonld: 'v1/catalog.jsonld',
  feedAtom: 'v1/feed.atom',
  feedJson: 'v1/feed.json',
  changes: 'v1/changes.json',
  snapshots: 'v1/snapshots/index.json',
  status: 'v1/status.json',
} as const;

export function projectJsonKey(id: string): string {
  return `v1/projects/${id}.json`;
}

/** The index of every organisation: id, names, project count and totals. */
export const ORGANISATIONS_INDEX_KEY = 'v1/organisations.json';

/** One organisation: its totals and its projects' records. */
export function organisationJsonKey(beneficiaryId: string): string {
  return `v1/organisations/${beneficiaryId}.json`;
}

/** One organisation's projects as CSV, with the columns of projects.csv. */
export function organisationCsvKey(beneficiaryId: string): string {
  return `v1/organisations/${beneficiaryId}.csv`;
}

/** The projects of one 2021–2027 specific objective as CSV, with the columns of projects.csv. */
export function objectiveCsvKey(code: string): string {
  return `v1/objectives/${code}.csv`;
}
