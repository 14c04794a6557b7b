import type { ProjectRecord } from './project';

/**
 * When the feed began: the earliest first sighting of any project, i.e. its first run. What that run
 * saw was already there (the baseline), so it is never presented as new, whatever its kind says.
 */
export function baselineOf(records: readonly Pick<ProjectRecord, 'firstSeenAt'>[]): string | null {
  return records.reduce<string | null>((a, r) => (a === null || r.firstSeenAt < a ? r.firstSeenAt : a), null);
}
