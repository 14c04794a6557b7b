import { type CurrentSummary, summariseRecords } from '../../core/model/current-summary';
import type { ProjectRecord } from '../../core/model/project';
import type { StateCommit } from '../../core/ports';

/**
 * The summary of the current records after a commit, from the one before and the records the
 * commit writes: the total is the run's (RunCounts.total counts every current record after the
 * run), the latest lastChangedAt can only move forward while runs go forward in time. Null when
 * it cannot be derived so (no summary before, or a record changed at an earlier time than the
 * latest, a clock set back): then the caller counts the records.
 */
export function deriveSummary(before: CurrentSummary | null, change: StateCommit): CurrentSummary | null {
  if (before === null) return null;
  let latest = before.lastChangedAt;
  for (const r of change.records) {
    if (latest !== null && r.lastChangedAt < latest) return null;
    latest = r.lastChangedAt;
  }
  return { total: change.run.counts.total, lastChangedAt: latest };
}

/** The summary counted from the stored records with the commit's written over them. */
export function recountSummary(
  stored: readonly ProjectRecord[],
  written: readonly ProjectRecord[],
): CurrentSummary {
  const byId = new Map(stored.map((r) => [r.id, r]));
  for (const r of written) byId.set(r.id, r);
  return summariseRecords([...byId.values()]);
}
