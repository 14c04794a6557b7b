import type { ProjectRecord } from '../model/project';
import { formatEuros } from '../normalise/amount';

/** How a number is written in a CSV cell: RFC 4180 uses a dot, the Excel/Finnish file a comma. */
export type DecimalSeparator = '.' | ',';

export interface ProjectColumn {
  /** snake_case name of the JSON field it flattens. */
  readonly name: string;
  readonly type: 'string' | 'number' | 'integer' | 'date' | 'datetime';
  readonly description: string;
  readonly value: (record: ProjectRecord, decimal: DecimalSeparator) => string;
}

const text = (v: string | null | undefined): string => v ?? '';
const list = (values: readonly string[]): string => values.join(' | ');

/**
 * The CSV columns: the JSON record flattened, nested fields joined with "_" and lists with " | ".
 * One definition feeds both CSV files and the Data Package's table schema.
 */
export const PROJECT_COLUMNS: readonly ProjectColumn[] = [
  { name: 'id', type: 'string', description: 'Stable project identifier', value: (r) => r.id },
  {
    name: 'programme',
    type: 'string',
    description: 'Funding programme, e.g. "AMIF 2021-2027"',
    value: (r) => r.programme,
  },
  { name: 'fund', type: 'string', description: 'EU fund, e.g. "AMIF"', value: (r) => r.fund },
  {
    name: 'name',
    type: 'string',
    description: 'Project name as published by the source',
    value: (r) => r.name,
  },
  {
    name: 'acronym',
    type: 'string',
    description: 'Short name or acronym shown in the name, if any',
    value: (r) => text(r.acronym),
  },
  {
    name: 'beneficiary_id',
    type: 'string',
    description: 'Canonical id of the beneficiary organisation, stable across spelling variants',
    value: (r) => r.beneficiary.id,
  },
  {
    name: 'beneficiary_name',
    type: 'string',
    description: 'Beneficiary organisation as published',
    value: (r) => r.beneficiary.name,
  },
  {
    name: 'specific_objective_code',
    type: 'string',
    description: 'AMIF specific objective: 1, 2 or 3',
    value: (r) => text(r.specificObjective?.code),
  },
  {
    name: 'specific_objective_name',
    type: 'string',
    description: 'Name of the specific objective (Finnish)',
    value: (r) => text(r.specificObjective?.name),
  },
  {
    name: 'national_objective',
    type: 'string',
    description: 'National objective of the 2014-2020 programme, e.g. "1.1"',
    value: (r) => text(r.nationalObjective),
  },
  {
    name: 'summary',
    type: 'string',
    description: 'Objectives and results ("Tavoite ja tulokset"); paragraphs separated by blank lines',
    value: (r) => r.summary,
  },
  {
    name: 'eu_funding_eur',
    type: 'number',
    description: 'EU funding in euros, two decimals',
    value: (r, d) => (r.euFundingEur === null ? '' : formatEuros(r.euFundingEur, d)),
  },
  {
    name: 'start_date',
    type: 'date',
    description: 'Project start date (ISO 8601)',
    value: (r) => text(r.startDate),
  },
  {
    name: 'end_date',
    type: 'date',
    description: 'Project end date (ISO 8601)',
    value: (r) => text(r.endDate),
  },
  {
    name: 'website',
    type: 'string',
    description: "The project's own web page, when a source links one",
    value: (r) => text(r.website),
  },
  {
    name: 'status',
    type: 'string',
    description: 'listed (on a ministry list), announced (press release only) or removed',
    value: (r) => r.status,
  },
  {
    name: 'removed_at',
    type: 'datetime',
    description: 'When the project disappeared from its source (UTC)',
    value: (r) => text(r.removedAt),
  },
  {
    name: 'source_ids',
    type: 'string',
    description: 'Ids of every source that contributed, separated by " | "',
    value: (r) => list(r.sources.map((s) => s.id)),
  },
  {
    name: 'source_urls',
    type: 'string',
    description: 'URLs of every source that contributed, separated by " | "',
    value: (r) => list(r.sources.map((s) => s.url)),
  },
  {
    name: 'migri_url',
    type: 'string',
    description: "URL of Migri's page describing the project, when linked",
    value: (r) => text(r.migri?.url),
  },
  {
    name: 'migri_title',
    type: 'string',
    description: "Title of Migri's description block",
    value: (r) => text(r.migri?.title),
  },
  {
    name: 'migri_schedule',
    type: 'string',
    description: "Migri's schedule text (Aikataulu)",
    value: (r) => text(r.migri?.schedule),
  },
  {
    name: 'migri_description',
    type: 'string',
    description: "Migri's description (Kuvaus)",
    value: (r) => text(r.migri?.description),
  },
  {
    name: 'migri_goals',
    type: 'string',
    description: "Migri's goals (Tavoitteet)",
    value: (r) => text(r.migri?.goals),
  },
  {
    name: 'migri_matched_by',
    type: 'string',
    description: 'How the Migri block was linked to this project',
    value: (r) => text(r.migri?.matchedBy),
  },
  {
    name: 'announcement_dates',
    type: 'string',
    description: 'Dates of press releases announcing the award, separated by " | "',
    value: (r) => list(r.announcements.map((a) => a.date)),
  },
  {
    name: 'announcement_urls',
    type: 'string',
    description: 'URLs of those press releases, separated by " | "',
    value: (r) => list(r.announcements.map((a) => a.url)),
  },
  {
    name: 'announced_amounts_eur',
    type: 'string',
    description: 'Amounts the press releases gave, in whole euros, separated by " | "',
    value: (r, d) =>
      list(r.announcements.map((a) => (a.amountEur === null ? '' : formatEuros(a.amountEur, d)))),
  },
  {
    name: 'quality_codes',
    type: 'string',
    description: 'Data-quality flags as "code:field", separated by " | "',
    value: (r) => list(r.quality.map((q) => `${q.code}:${q.field}`)),
  },
  {
    name: 'quality_raw',
    type: 'string',
    description: 'The raw source text behind each quality flag, separated by " | "',
    value: (r) => list(r.quality.map((q) => q.raw ?? '')),
  },
  {
    name: 'first_seen_at',
    type: 'datetime',
    description: 'When the feed first saw the project (UTC)',
    value: (r) => r.firstSeenAt,
  },
  {
    name: 'last_changed_at',
    type: 'datetime',
    description: 'When the project last changed (UTC)',
    value: (r) => r.lastChangedAt,
  },
  {
    name: 'version',
    type: 'integer',
    description: 'Version number; increments on every change',
    value: (r) => String(r.version),
  },
];
