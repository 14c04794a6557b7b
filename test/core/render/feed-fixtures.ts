import { type FeedConfig, feedConfigSchema } from '../../../functions/core/feed-config';
import {
  type ChangeKind,
  type FieldChange,
  type ProjectVersion,
  projectVersionSchema,
  type RunRef,
} from '../../../functions/core/model/history';
import { type ProjectRecord, projectRecordSchema } from '../../../functions/core/model/project';
import type { RunReport } from '../../../functions/core/model/run-report';
import { datasetMeta } from '../../../functions/core/render/projects-json';
import type { RenderContext } from '../../../functions/core/render/render-context';
import { FIRST_SEEN, LIST_URL, record } from '../../helpers/records';

export { LIST_URL, record };

/** Hand-built records and histories for the history, changes and feed renderers' tests. */

export const BASE_URL = 'https://amif.example.fi';
export const CONFIG: FeedConfig = feedConfigSchema.parse({ publicBaseUrl: BASE_URL });
export const PRESS_URL = 'https://intermin.fi/-/tiedote-2023-04-12';

/** The feed's first run (the baseline) and the runs after it. */
export const T0 = '2026-01-05T04:00:00Z';
export const T1 = FIRST_SEEN;
export const T2 = '2026-03-02T04:00:00Z';
export const T3 = '2026-04-06T03:00:00Z';
export const T4 = '2026-05-04T03:00:00Z';
export const T5 = '2026-06-01T03:00:00Z';
export const T6 = '2026-07-06T03:00:00Z';

export function runAt(at: string): RunRef {
  return {
    runId: `run-${at.replace(/[-:]/g, '')}`,
    at,
    sources: [{ id: 'eusa-amif-2021', url: LIST_URL, sha256: 'ab'.repeat(32) }],
  };
}

export function firstVersion(r: ProjectRecord): ProjectVersion {
  return projectVersionSchema.parse({
    id: r.id,
    version: r.version,
    kind: 'new',
    changedAt: r.firstSeenAt,
    fields: [],
    run: runAt(r.firstSeenAt),
    record: r,
  });
}

/** The next version of `previous`: the fields take their new values, as the diff would make it. */
export function nextVersion(
  previous: ProjectVersion,
  kind: ChangeKind,
  at: string,
  fields: FieldChange[],
): ProjectVersion {
  const changed = Object.fromEntries(fields.map((f) => [f.field, f.new]));
  const next = projectRecordSchema.parse({
    ...previous.record,
    ...changed,
    removedAt: kind === 'removed' ? at : null,
    lastChangedAt: at,
    version: previous.version + 1,
  });
  return projectVersionSchema.parse({
    id: next.id,
    version: next.version,
    kind,
    changedAt: at,
    fields,
    run: runAt(at),
    record: next,
  });
}

/**
 * One project's life, oldest first: new (v1, T1), amount raised (v2, T2), end date moved (v3, T3),
 * summary reworded (v4, T4), removed (v5, T5), back on the list (v6, T6).
 */
export function lifeOfAProject(): ProjectVersion[] {
  const v1 = firstVersion(record());
  const v2 = nextVersion(v1, 'changed', T2, [{ field: 'euFundingEur', old: 1_000_000, new: 1_153_584.12 }]);
  const v3 = nextVersion(v2, 'changed', T3, [{ field: 'endDate', old: '2025-12-31', new: '2026-06-30' }]);
  const v4 = nextVersion(v3, 'changed', T4, [
    { field: 'summary', old: 'Hanke tukee kotoutumista.', new: 'Hanke tukee kotoutumista Turussa.' },
  ]);
  const v5 = nextVersion(v4, 'removed', T5, [{ field: 'status', old: 'listed', new: 'removed' }]);
  const v6 = nextVersion(v5, 'reinstated', T6, [{ field: 'status', old: 'removed', new: 'listed' }]);
  return [v1, v2, v3, v4, v5, v6];
}

/** A project the first run found: part of the baseline, not a new award. */
export function baselineProject(): ProjectVersion {
  return firstVersion(
    record({
      id: 'amif21-baseline',
      name: 'Perusta',
      beneficiary: { id: 'nivalan-kaupunki', name: 'Nivalan kaupunki' },
      euFundingEur: 234_215.14,
      firstSeenAt: T0,
      lastChangedAt: T0,
    }),
  );
}

/** A later run than any change in the fixtures: no file may take its time from it. */
export const RUN_AT = '2026-08-03T03:00:00Z';

const REPORT: RunReport = {
  runId: 'run-20260803T030000Z',
  startedAt: RUN_AT,
  status: 'published',
  counts: { total: 2, new: 0, changed: 0, removed: 0, reinstated: 1, unchanged: 1 },
  sources: [],
  warnings: [],
  published: [],
};

/** A render context over the given histories: the current record of each is its last version. */
export function contextOf(
  histories: readonly (readonly ProjectVersion[])[],
  changedIds: readonly string[],
  config: FeedConfig = CONFIG,
): RenderContext {
  const records = histories.map((h) => h.at(-1)!.record);
  const all = histories.flat();
  return {
    config,
    meta: datasetMeta(records, [], config, REPORT.startedAt),
    records,
    changedIds: new Set(changedIds),
    historyById: new Map(histories.filter((h) => changedIds.includes(h[0]!.id)).map((h) => [h[0]!.id, h])),
    recentChanges: [...all].sort((a, b) =>
      a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : 0,
    ),
    report: REPORT,
    snapshots: [],
  };
}
