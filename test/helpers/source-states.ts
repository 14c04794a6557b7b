import type { SourceState, StateStore } from '../../functions/core/ports';

/** Every source state with its output loaded, as the state held them before outputs were loaded on demand. */
export async function loadWholeSourceStates(store: StateStore): Promise<SourceState[]> {
  return Promise.all(
    (await store.loadSourceStates()).map(async (s) => ({ ...s, output: await store.loadSourceOutput(s) })),
  );
}
