import { feedConfigSchema } from '../../functions/core/feed-config';
import type { ProjectRecord } from '../../functions/core/model/project';
import type { RunReport } from '../../functions/core/model/run-report';
import { type DatasetSource, datasetMeta } from '../../functions/core/render/projects-json';
import type { RenderContext } from '../../functions/core/render/render-context';

export const RENDER_AT = '2026-11-22T04:00:00Z';

/** The report of a first run that found every record new. */
export function firstRunReport(records: readonly ProjectRecord[], at = RENDER_AT): RunReport {
  return {
    runId: `run-${at.replace(/[-:]/g, '')}`,
    startedAt: at,
    status: 'published',
    counts: {
      total: records.length,
      new: records.length,
      changed: 0,
      removed: 0,
      reinstated: 0,
      unchanged: 0,
    },
    sources: [],
    warnings: [],
    published: [],
  };
}

/**
 * A render context over `records` as a first run at `at` would build it; anything in `overrides`
 * replaces the default (nothing changed, no history, no stored snapshot index).
 */
export function renderContext(
  records: readonly ProjectRecord[],
  options: {
    publicBaseUrl?: string;
    sources?: readonly DatasetSource[];
    at?: string;
    overrides?: Partial<RenderContext>;
  } = {},
): RenderContext {
  const at = options.at ?? RENDER_AT;
  const config = feedConfigSchema.parse({
    publicBaseUrl: options.publicBaseUrl ?? 'https://amif.example.fi',
  });
  return {
    config,
    meta: datasetMeta(records, options.sources ?? [], config, at),
    records,
    changedIds: new Set(),
    historyById: new Map(),
    recentChanges: [],
    report: firstRunReport(records, at),
    snapshots: [],
    ...options.overrides,
  };
}
