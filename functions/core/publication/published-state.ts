import { SNAPSHOT_INDEX_KEY, type SnapshotEntry, snapshotIndexSchema } from '../model/snapshot';
import type { ObjectStore } from '../ports';

export interface PublishedSnapshots {
  readonly snapshots: readonly SnapshotEntry[];
  /** Why the published index could not be used; null when it could (or there was none). */
  readonly warning: string | null;
}

/**
 * The one place that reads the published files back, and only once per deployment: a state
 * written before the publication protocol has no list of snapshots, so the published snapshot
 * index is read (and schema-checked) to carry the earlier snapshots over into the state. From
 * then on the state alone says what is published.
 */
export async function readPublishedSnapshots(store: ObjectStore): Promise<PublishedSnapshots> {
  const raw = await store.get(SNAPSHOT_INDEX_KEY);
  if (raw === null) return { snapshots: [], warning: null };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch (error) {
    return { snapshots: [], warning: unusable(`it is not JSON (${(error as Error).message})`) };
  }
  const parsed = snapshotIndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem';
    return { snapshots: [], warning: unusable(`it is not a valid snapshot index (${where})`) };
  }
  return {
    snapshots: parsed.data.snapshots.map((s) => ({
      ...s,
      files: s.files.map(({ url: _url, ...file }) => file),
    })),
    warning: null,
  };
}

function unusable(why: string): string {
  return (
    `the published ${SNAPSHOT_INDEX_KEY} could not be carried over into the state: ${why}; the index starts again from this run's ` +
    `snapshot, and earlier snapshots stay in the store unlisted`
  );
}
