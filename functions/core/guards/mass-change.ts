import { PAGE_FIELDS } from '../diff';
import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';

/**
 * Fields a page states about its projects. A page that changes one of them in most projects at
 * once (every amount ×100, every start date shifted) is more likely broken than edited. Status
 * (removals) has the collapse guard; sources, quality, Migri texts and announcements follow from
 * linking, so a new source or flag may legitimately touch every project.
 */
export const GUARDED_FIELDS = PAGE_FIELDS;

export interface MassChange {
  readonly field: string;
  /** Projects whose field changed this run. */
  readonly changed: number;
  /** Projects listed before and still listed (the ones that could change). */
  readonly compared: number;
  /** The first source of each changed project: where the change came from. */
  readonly sources: readonly string[];
}

/**
 * Fields that changed in more than `share` of the projects compared. Only a run with at least
 * `minProjects` to compare is judged: on a handful of projects one edit is already a large share.
 */
export function findMassChanges(
  current: readonly ProjectRecord[],
  versions: readonly ProjectVersion[],
  share: number,
  minProjects: number,
): MassChange[] {
  const currentIds = new Set(current.filter((r) => r.status !== 'removed').map((r) => r.id));
  const edits = versions.filter((v) => v.kind === 'changed' && currentIds.has(v.id));
  const compared = currentIds.size;
  if (compared < minProjects) return [];
  const found: MassChange[] = [];
  for (const field of GUARDED_FIELDS) {
    const hit = edits.filter((v) => v.fields.some((f) => f.field === field));
    if (hit.length / compared <= share) continue;
    found.push({
      field,
      changed: hit.length,
      compared,
      sources: [...new Set(hit.flatMap((v) => (v.record.sources[0] ? [v.record.sources[0].id] : [])))].sort(),
    });
  }
  return found;
}

/** The refusal as a source's warning: which field, how many, and how to accept it. */
export function massChangeWarning(sourceId: string, change: MassChange, share: number): string {
  return (
    `${sourceId}: ${change.field} would change in ${change.changed} of ${change.compared} projects at once; ` +
    `more than ${Math.round(share * 100)} % looks like a broken page, so the change was refused and the ` +
    'previous records kept (run with --accept-mass-change, or invoke the harvester with ' +
    '{"acceptMassChange": true}, if the change is real)'
  );
}
