import { PublishError } from './errors';
import type { ObjectStore } from './ports';
import { type OutputFile, PUBLISH_STAGES } from './render/output-file';
import { forEachLimited } from './worker-pool';

export interface PublishResult {
  readonly written: string[];
  readonly skipped: string[];
}

/**
 * Writes files stage by stage (see PUBLISH_STAGES). An immutable object that already exists is
 * never rewritten. The first failed write stops the run before any later stage, so no latest file
 * points at an object not yet written; the publication stays pending in the state and the next
 * run writes it again from there (see pipeline.ts).
 */
export async function publishFiles(
  store: ObjectStore,
  files: readonly OutputFile[],
  options: { readonly detail?: Iterable<readonly OutputFile[]>; readonly concurrency?: number } = {},
): Promise<PublishResult> {
  const concurrency = options.concurrency ?? 8;
  const written: string[] = [];
  const skipped: string[] = [];
  const write = async (file: OutputFile) => {
    if (file.stage === 'immutable' && (await store.exists(file.key))) {
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
  };
  for (const stage of PUBLISH_STAGES) {
    await forEachLimited(
      files.filter((f) => f.stage === stage),
      concurrency,
      write,
    );
    if (stage !== 'detail') continue;
    // Per-project files are rendered a batch at a time and released once written.
    for (const batch of options.detail ?? []) {
      await forEachLimited(batch, concurrency, async (file) => {
        if (file.stage !== 'detail') {
          throw new Error(`${file.key} was rendered as a per-project file but is of stage "${file.stage}"`);
        }
        await write(file);
      });
    }
  }
  await store.flush?.();
  return { written: written.sort(), skipped: skipped.sort() };
}
