import * as z from 'zod';
import { isoTimestampSchema } from './project';
import type { RunCounts } from './run-report';

/**
 * Immutable snapshots: every run that changes the dataset also writes a copy of the latest files
 * under `v1/snapshots/<id>/`, where the id is the run's start in compact ISO form
 * (`2026-11-22T040000Z`). Snapshot files are never rewritten. `v1/snapshots/index.json` lists
 * every snapshot with its files' sizes and SHA-256. The state store keeps the same list (see
 * publication/render-state.ts), so the index is rendered from the state, never read back.
 */

export const SNAPSHOT_INDEX_KEY = 'v1/snapshots/index.json';
const SNAPSHOT_ROOT = 'v1/snapshots';

/** The latest files a snapshot copies byte for byte: `v1/<name>` → `v1/snapshots/<id>/<name>`. */
export const SNAPSHOT_COPIES = [
  'projects.json',
  'projects.csv',
  'projects.excel.csv',
  'projects.xlsx',
  'changes.csv',
  'changes.jsonl',
] as const;
/** The snapshot's own Data Package descriptor (its `id` and `version` are the snapshot's). */
export const SNAPSHOT_DATAPACKAGE = 'datapackage.json';

export const SNAPSHOT_ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{6}Z$/;

/** `2026-11-22T04:00:00Z` → `2026-11-22T040000Z` (no colons, so it is safe in paths and URIs). */
export function snapshotId(startedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(startedAt);
  if (!match) throw new Error(`not a UTC timestamp: ${JSON.stringify(startedAt)}`);
  return `${match[1]}T${match[2]}${match[3]}${match[4]}Z`;
}

/**
 * The dataset version a snapshot is, as SemVer: MAJOR is the schema version (the `v1/` of the
 * paths), MINOR.PATCH the snapshot's UTC date and time. So versions sort in time order, never
 * repeat, and do not depend on how many snapshots an index happens to remember.
 * `2026-11-22T040000Z` → `1.20261122.40000`.
 */
export function snapshotVersion(id: string, schemaMajor = 1): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{6})Z$/.exec(id);
  if (!match) throw new Error(`not a snapshot id: ${JSON.stringify(id)}`);
  return `${schemaMajor}.${match[1]}${match[2]}${match[3]}.${Number(match[4])}`;
}

export function snapshotKey(id: string, name: string): string {
  return `${SNAPSHOT_ROOT}/${id}/${name}`;
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const snapshotFileSchema = z.object({
  /** The object key, relative to the public base URL. */
  path: z.string().startsWith(`${SNAPSHOT_ROOT}/`),
  /** Absolute download URL; rebuilt from `path` on every write, so it follows the base URL. */
  url: z.string().url().optional(),
  mediaType: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: sha256Schema,
});
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

const countSchema = z.number().int().nonnegative();

export const snapshotEntrySchema = z.object({
  id: z.string().regex(SNAPSHOT_ID_PATTERN),
  createdAt: isoTimestampSchema,
  version: z.string().min(1),
  /** Projects in the snapshot, removed ones included. */
  records: countSchema,
  /** What the run that made the snapshot changed. */
  changes: z.object({
    new: countSchema,
    changed: countSchema,
    removed: countSchema,
    reinstated: countSchema,
  }),
  files: z.array(snapshotFileSchema).min(1),
});
export type SnapshotEntry = z.infer<typeof snapshotEntrySchema>;

export const snapshotIndexSchema = z.object({
  schemaVersion: z.literal(1),
  dataset: z.string().url(),
  /** Id of the newest snapshot: the one the latest files are identical to. */
  latest: z.string().regex(SNAPSHOT_ID_PATTERN).nullable(),
  /** Oldest first. */
  snapshots: z.array(snapshotEntrySchema),
});
export type SnapshotIndex = z.infer<typeof snapshotIndexSchema>;

/** The new snapshot appended to the earlier ones (one with the same id is replaced), oldest first. */
export function mergeSnapshots(previous: readonly SnapshotEntry[], next: SnapshotEntry): SnapshotEntry[] {
  return [...previous.filter((s) => s.id !== next.id), next].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
}

export function snapshotChanges(counts: RunCounts): SnapshotEntry['changes'] {
  return { new: counts.new, changed: counts.changed, removed: counts.removed, reinstated: counts.reinstated };
}
