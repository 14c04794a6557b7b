import { DEFAULTS } from '../defaults';
import { findMassChanges, massChangeWarning } from '../guards/mass-change';
import type { SourceRead } from '../source-read';
import { type Derived, derive } from './derive';
import type { PipelineOptions, RunIds } from './run-options';
import type { StoredState } from './stored-state';

/**
 * Link and diff; then refuse the fresh reading of any source that changes one field in most
 * projects, and derive again without it, until no fresh reading causes a mass change.
 */
export function deriveGuarded(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  first: readonly SourceRead[],
): Derived {
  let reads = first;
  for (;;) {
    const derived = derive(ids, stored, reads);
    if (options.acceptMassChange) return derived;
    const refusals = massChangeRefusals(options, stored, derived);
    // A mass change no fresh reading caused (a linking change) cannot be refused page by page.
    if (refusals.size === 0) return derived;
    reads = reads.map((r) => {
      const warnings = refusals.get(r.module.id);
      if (!warnings) return r;
      const records = stored.sourceStates.get(r.module.id)?.output?.drafts.length ?? 0;
      return {
        kind: 'refused',
        module: r.module,
        report: { ...r.report, status: 'refused', records, warnings },
      };
    });
  }
}

/** The warnings of each fresh reading that changes one field in most projects, by source id. */
function massChangeRefusals(
  options: PipelineOptions,
  stored: StoredState,
  { reads, diff }: Derived,
): Map<string, string[]> {
  const share = options.config.massChangeShare;
  const changes = findMassChanges(stored.current, diff.versions, share, DEFAULTS.massChangeMinProjects);
  const refusals = new Map<string, string[]>();
  for (const change of changes) {
    for (const id of change.sources) {
      const read = reads.find((r) => r.module.id === id && r.kind === 'fresh');
      if (read) refusals.set(id, [...(refusals.get(id) ?? []), massChangeWarning(id, change, share)]);
    }
  }
  return refusals;
}
