import { PublishError } from './errors';
import type { ObjectStore } from './ports';
import { type OutputFile, PUBLISH_STAGES } from './render/output-file';
import { digestOf, SNAPSHOT_COPIES, SNAPSHOT_INDEX_KEY, snapshotIndexSchema } from './render/snapshots';

export interface PublishResult {
  readonly written: string[];
  readonly skipped: string[];
}

/**
 * Writes files stage by stage (see PUBLISH_STAGES). An immutable object that already exists is
 * never rewritten. The first failed write stops the run before any later stage, so the latest
 * files keep describing the previous complete state and the next run completes the job.
 */
export async function publishFiles(
  store: ObjectStore,
  files: readonly OutputFile[],
  concurrency = 8,
): Promise<PublishResult> {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const stage of PUBLISH_STAGES) {
    const batch = files.filter((f) => f.stage === stage);
    await forEachLimited(batch, concurrency, async (file) => {
      if (stage === 'immutable' && (await store.exists(file.key))) {
        skipped.push(file.key);
        return;
      }
      try {
        await store.put({
          key: file.key,
          body: file.body,
          contentType: file.contentType,
          cacheControl: file.cacheControl,
        });
      } catch (error) {
        throw error instanceof PublishError ? error : new PublishError(file.key, { cause: error });
      }
      written.push(file.key);
    });
  }
  return { written: written.sort(), skipped: skipped.sort() };
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw failure;
}

export interface PublishedState {
  /** The latest dataset files are, byte for byte, the newest snapshot the snapshot index lists. */
  readonly complete: boolean;
  /** Nothing of the dataset has been published yet. */
  readonly empty: boolean;
  /** Why the state is not complete, for the log; null when it is. */
  readonly reason: string | null;
}

/**
 * Whether the last publication finished. The snapshot index is written after every other file of
 * a run (see the pipeline), so its newest snapshot is the last complete publication, and the latest
 * files must be byte-identical to that snapshot's copies. A publish that failed part-way (the state
 * was then not committed) leaves a latest file that differs, or no index entry for what the latest
 * files say; the next run sees that here and publishes the whole dataset again, even when its
 * pages no longer differ from the committed state.
 */
export async function checkPublishedState(
  store: ObjectStore,
  /** The index's bytes when the caller has already read them (null: absent); read here otherwise. */
  storedIndex?: Uint8Array | null,
): Promise<PublishedState> {
  const incomplete = (reason: string): PublishedState => ({ complete: false, empty: false, reason });
  const raw = storedIndex === undefined ? await store.get(SNAPSHOT_INDEX_KEY) : storedIndex;
  if (raw === null) {
    if (!(await store.exists('v1/projects.json'))) {
      return { complete: false, empty: true, reason: 'nothing has been published yet' };
    }
    return incomplete(`${SNAPSHOT_INDEX_KEY} is missing`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return incomplete(`${SNAPSHOT_INDEX_KEY} is not JSON`);
  }
  const index = snapshotIndexSchema.safeParse(json);
  if (!index.success) return incomplete(`${SNAPSHOT_INDEX_KEY} is not a valid snapshot index`);
  const newest = index.data.snapshots.at(-1);
  if (!newest) return incomplete(`${SNAPSHOT_INDEX_KEY} lists no snapshot`);
  for (const file of newest.files) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (!(SNAPSHOT_COPIES as readonly string[]).includes(name)) continue;
    const latest = await store.get(`v1/${name}`);
    if (latest === null) return incomplete(`v1/${name} is missing`);
    if (digestOf(latest).sha256 !== file.sha256) {
      return incomplete(`v1/${name} is not the newest snapshot's (${newest.id}): a publish did not finish`);
    }
  }
  return { complete: true, empty: false, reason: null };
}
