import type { SnapshotEntry } from '../model/snapshot';
import type { ObjectStore } from '../ports';
import { readPublishedSnapshots } from '../publication/published-state';
import type { StoredState } from './stored-state';

/** The snapshots a publication lists after the migration, and those it adds to the state. */
export interface CarriedSnapshots {
  /** Every snapshot committed so far, the carried ones included, oldest first as stored. */
  readonly snapshots: readonly SnapshotEntry[];
  /** The snapshots the published index listed and the state did not: committed with this run's. */
  readonly carried: readonly SnapshotEntry[];
  readonly warnings: readonly string[];
}

/** Whether the state was written before the publication protocol: records, but no publication. */
export function predatesPublicationProtocol(stored: StoredState): boolean {
  return stored.publication === null && stored.current.length > 0;
}

/**
 * A state from before the publication protocol has no list of snapshots: the published snapshot
 * list is carried over once (the one time a run reads the published files back), and every file
 * is written again.
 */
export async function carryPublishedSnapshots(
  store: ObjectStore,
  stored: StoredState,
): Promise<CarriedSnapshots> {
  const warnings: string[] = [];
  const published = await readPublishedSnapshots(store);
  if (published.warning) warnings.push(published.warning);
  const carried = published.snapshots.filter((s) => !stored.snapshots.some((t) => t.id === s.id));
  warnings.push(
    'the state had no record of what is published (written before the publication protocol); every file was written again',
  );
  return { snapshots: [...stored.snapshots, ...carried], carried, warnings };
}
