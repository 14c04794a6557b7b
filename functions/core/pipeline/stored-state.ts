import type { CurrentSummary } from '../model/current-summary';
import type { ProjectRecord } from '../model/project';
import type { Publication } from '../model/publication';
import type { SnapshotEntry } from '../model/snapshot';
import type { SourceState, StateStore, StoredSourceState } from '../ports';
import { withOutput } from '../source-read';

/**
 * What a run first loads of the state, after any pending publication was finished: enough to
 * tell that no page changed (each source's hash and validators, the records' summary), and no more.
 */
export interface StoredHead {
  readonly summary: CurrentSummary;
  readonly sourceStates: ReadonlyMap<string, StoredSourceState>;
  readonly publication: Publication | null;
  readonly snapshots: readonly SnapshotEntry[];
}

/** What the state holds at the start of a run that links: the records and every stored output too. */
export interface StoredState {
  readonly current: readonly ProjectRecord[];
  readonly sourceStates: ReadonlyMap<string, SourceState>;
  readonly publication: Publication | null;
  readonly snapshots: readonly SnapshotEntry[];
}

export async function loadStoredHead(state: StateStore): Promise<StoredHead> {
  const [summary, sourceStates, publication, snapshots] = await Promise.all([
    state.loadCurrentSummary(),
    state.loadSourceStates(),
    state.loadPublication(),
    state.loadSnapshots(),
  ]);
  return { summary, sourceStates: new Map(sourceStates.map((s) => [s.id, s])), publication, snapshots };
}

/**
 * A run that links loads the rest: the current records and every stored output, each loaded once
 * (the store hands out the same output object for each state, so committing it again writes only
 * the source's item).
 */
export async function loadStoredState(
  state: StateStore,
  head: StoredHead,
  loadCurrent: () => Promise<ProjectRecord[]>,
): Promise<StoredState> {
  const [current, sourceStates] = await Promise.all([
    loadCurrent(),
    Promise.all(
      [...head.sourceStates.values()].map(
        async (s): Promise<SourceState> => withOutput(s, await state.loadSourceOutput(s)),
      ),
    ),
  ]);
  return {
    current,
    sourceStates: new Map(sourceStates.map((s) => [s.id, s])),
    publication: head.publication,
    snapshots: head.snapshots,
  };
}
