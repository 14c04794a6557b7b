import { createHash } from 'node:crypto';
import type { ProjectVersion } from '../model/history';
import { type SnapshotEntry, snapshotKey } from '../model/snapshot';
import type { ObjectStore, StateStore } from '../ports';
import { CHANGES_CSV_KEY, CHANGES_JSONL_KEY, type ChangeLogInput } from '../render/changes-log';

/** Before any version: the rebuild asks the state for every change since then. */
const BEGINNING = '1970-01-01T00:00:00Z';

export interface LoadedChangeLog {
  readonly input: ChangeLogInput;
  /** Why the history was rebuilt from the state although an earlier snapshot exists; null otherwise. */
  readonly warning: string | null;
}

const fileName = (key: string) => key.slice('v1/'.length);

/**
 * What v1/changes.csv and .jsonl are rendered from, at a cost that grows with the run's changes:
 * the previous snapshot's copies of both files (immutable objects, never rewritten), read back and
 * checked against the sizes and SHA-256 the state recorded for them, with this run's versions
 * appended. Only when there is no such copy (the first publication, a snapshot from before these
 * files existed, no store given) or it does not match the state (missing, altered) is every stored
 * version loaded and the history rebuilt, in the same order, so the bytes are the same either way.
 */
export async function loadChangeLog(
  state: Pick<StateStore, 'loadChangesSince'>,
  store: Pick<ObjectStore, 'get'> | undefined,
  snapshots: readonly SnapshotEntry[],
  runVersions: readonly ProjectVersion[],
): Promise<LoadedChangeLog> {
  const previous = snapshots.at(-1);
  if (previous && store) {
    const [csv, jsonl] = await Promise.all([
      verifiedCopy(store, previous, CHANGES_CSV_KEY),
      verifiedCopy(store, previous, CHANGES_JSONL_KEY),
    ]);
    if (typeof csv !== 'string' && typeof jsonl !== 'string') {
      return { input: { base: { csv, jsonl }, versions: runVersions }, warning: null };
    }
    const why = [csv, jsonl].find((r): r is string => typeof r === 'string');
    return { input: await rebuilt(state, runVersions), warning: rebuildWarning(previous, why) };
  }
  return { input: await rebuilt(state, runVersions), warning: null };
}

function rebuildWarning(previous: SnapshotEntry, why: string | undefined): string | null {
  // A snapshot from before the history files is expected once per deployment: not worth a warning.
  if (why?.startsWith('not listed')) return null;
  return `the change history was rebuilt from the stored versions: snapshot ${previous.id}'s copy ${why}`;
}

/** The snapshot's copy of a file as bytes, or why it cannot be used. */
async function verifiedCopy(
  store: Pick<ObjectStore, 'get'>,
  snapshot: SnapshotEntry,
  latestKey: string,
): Promise<Uint8Array | string> {
  const key = snapshotKey(snapshot.id, fileName(latestKey));
  const recorded = snapshot.files.find((f) => f.path === key);
  if (!recorded) return `not listed: ${key}`;
  let bytes: Uint8Array | null;
  try {
    bytes = await store.get(key);
  } catch (error) {
    return `${key} could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
  if (bytes === null) return `${key} is missing from the store`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.byteLength !== recorded.bytes || sha256 !== recorded.sha256) {
    return `${key} is not what the state recorded (${bytes.byteLength} bytes, SHA-256 ${sha256}; recorded ${recorded.bytes} bytes, ${recorded.sha256})`;
  }
  return bytes;
}

/** Every stored version and this run's (which win), for a history rendered from the beginning. */
async function rebuilt(
  state: Pick<StateStore, 'loadChangesSince'>,
  runVersions: readonly ProjectVersion[],
): Promise<ChangeLogInput> {
  const key = (v: ProjectVersion) => `${v.id}#${v.version}`;
  const fresh = new Set(runVersions.map(key));
  const stored = await state.loadChangesSince(BEGINNING);
  return { base: null, versions: [...stored.filter((v) => !fresh.has(key(v))), ...runVersions] };
}
