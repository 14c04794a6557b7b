import type { FeedConfig } from '../feed-config';
import type { ChangeKind, FieldChange, ProjectVersion } from '../model/history';
import type { Beneficiary, ProjectRecord } from '../model/project';
import {
  isSignificant,
  newestFirst,
  projectJsonUrl,
  SIGNIFICANT_FIELDS,
  type SignificantField,
  significantChanges,
  sourceUrlsOf,
} from './feed-entries';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import type { RenderContext, Renderer } from './render-context';

/** One change in v1/changes.json: one version of one project. */
export interface ChangeEntry {
  readonly id: string;
  readonly name: string;
  readonly beneficiary: Beneficiary;
  readonly kind: ChangeKind;
  readonly changedAt: string;
  readonly version: number;
  /** Whether the change makes an entry in feed.atom and feed.json. */
  readonly significant: boolean;
  /** Names of every tracked field that changed (empty for a new project). */
  readonly fields: readonly string[];
  /** Old and new values of the significant fields among them (funding, dates, status). */
  readonly significantChanges: readonly FieldChange[];
  /** The project's funding, dates and status as of this version. */
  readonly euFundingEur: number | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly status: ProjectRecord['status'];
  readonly links: {
    /** v1/projects/<id>.json: the current record and its whole history. */
    readonly project: string;
    /** The pages the values came from. */
    readonly sources: readonly string[];
  };
}

/**
 * v1/changes.json:
 *
 * ```
 * {
 *   "schemaVersion": 1,
 *   "title": "…",
 *   "updated": "…Z" | null,           // newest change listed; never the run's clock
 *   "significantFields": ["euFundingEur", "startDate", "endDate", "status"],
 *   "changes": [ChangeEntry, …]       // newest first
 * }
 * ```
 */
export interface ChangesDocument {
  readonly schemaVersion: 1;
  readonly title: string;
  readonly updated: string | null;
  readonly significantFields: readonly SignificantField[];
  readonly changes: readonly ChangeEntry[];
}

export function changeEntry(v: ProjectVersion, publicBaseUrl: string): ChangeEntry {
  const r = v.record;
  return {
    id: v.id,
    name: r.name,
    beneficiary: r.beneficiary,
    kind: v.kind,
    changedAt: v.changedAt,
    version: v.version,
    significant: isSignificant(v),
    fields: v.fields.map((f) => f.field),
    significantChanges: significantChanges(v),
    euFundingEur: r.euFundingEur,
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
    links: { project: projectJsonUrl(publicBaseUrl, v.id), sources: sourceUrlsOf(r) },
  };
}

export function changesDocument(
  versions: readonly ProjectVersion[],
  config: Pick<FeedConfig, 'publicBaseUrl'>,
): ChangesDocument {
  const changes = [...versions].sort(newestFirst).map((v) => changeEntry(v, config.publicBaseUrl));
  return {
    schemaVersion: 1,
    title: 'AMIF-hankkeiden viimeisimmät muutokset / Latest changes to AMIF-funded projects',
    updated: changes[0]?.changedAt ?? null,
    significantFields: SIGNIFICANT_FIELDS,
    changes,
  };
}

/** v1/changes.json from the run's recent changes (already limited by the pipeline). */
export const renderChangesJson: Renderer = (ctx: RenderContext): OutputFile[] => [
  {
    key: 'v1/changes.json',
    body: jsonBody(changesDocument(ctx.recentChanges, ctx.config)),
    contentType: CONTENT_TYPES.json,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  },
];
