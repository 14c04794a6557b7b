import { SNAPSHOT_INDEX_KEY, type SnapshotEntry, type SnapshotIndex } from '../model/snapshot';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';

/** v1/snapshots/index.json: every snapshot (model/snapshot.ts), short-lived cache, each file with its download URL. */
export function snapshotIndexFile(
  datasetUri: string,
  snapshots: readonly SnapshotEntry[],
  download: (key: string) => string,
): OutputFile {
  const doc: SnapshotIndex = {
    schemaVersion: 1,
    dataset: datasetUri,
    latest: snapshots.at(-1)?.id ?? null,
    snapshots: snapshots.map((s) => ({
      ...s,
      files: s.files.map((f) => ({
        path: f.path,
        url: download(f.path),
        mediaType: f.mediaType,
        bytes: f.bytes,
        sha256: f.sha256,
      })),
    })),
  };
  return {
    key: SNAPSHOT_INDEX_KEY,
    body: jsonBody(doc),
    contentType: CONTENT_TYPES.json,
    cacheControl: CACHE_LATEST,
    stage: 'index',
  };
}
