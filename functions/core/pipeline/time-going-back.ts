import { RunTimeError } from '../errors';
import type { StateStore } from '../ports';

/**
 * Run ids, snapshot ids and outbox names are the run's time to the second, so a run at or before
 * the last run's time would share them (a snapshot index naming bytes its files do not hold) or
 * date a change before the record first appeared. Such a run is refused: see docs/operations.md.
 */
export async function refuseTimeGoingBack(state: StateStore, startedAt: string): Promise<void> {
  const last = await state.loadLastRun();
  if (last !== null && Date.parse(last.startedAt) >= Date.parse(startedAt)) {
    throw new RunTimeError(startedAt, last.runId, last.startedAt);
  }
}
