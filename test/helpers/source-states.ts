import type { SourceState, StateStore } from '../../functions/core/ports';
import { withOutput } from '../../functions/core/source-read';

/** Every source state with its output loaded, as the state held them before outputs were loaded on demand. */
export async function loadWholeSourceStates(store: StateStore): Promise<SourceState[]> {
  return Promise.all(
    (await store.loadSourceStates()).map(async (s) => withOutput(s, await store.loadSourceOutput(s))),
  );
}
