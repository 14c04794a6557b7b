import { publicationOrder } from '../diff';
import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import type { OutputFile } from '../render/output-file';
import type { RenderContext } from '../render/render-context';
import { renderSearchIndex, SEARCH_INDEX_KEY } from '../render/site/search-index';
import { renderSubscriberFeeds } from '../render/subscriber-feeds';

/** What the last complete publication rendered its per-subscriber feeds from. */
export interface PublishedFeedInput {
  readonly records: readonly ProjectRecord[];
  readonly recentChanges: readonly ProjectVersion[];
}

/**
 * The per-subscriber feeds whose bytes equal what the last publication wrote: rendered again from
 * that publication's records and recent changes, and compared. There is one feed per beneficiary,
 * so a run that changes one project must not write them all: only the feeds whose entries, titles
 * or `updated` changed are written. Nothing from the bucket is read back.
 *
 * The search index is compared the same way, rendered from the last publication's records in
 * publication order: it holds the records' words, not their amounts or dates, so most changed runs
 * leave it byte for byte as published.
 */
export function unchangedFeedKeys(
  files: readonly OutputFile[],
  ctx: RenderContext,
  previous: PublishedFeedInput,
): Set<string> {
  const published = { ...ctx, records: previous.records, recentChanges: previous.recentChanges };
  // The index lists projects by position, in publication order; the state keeps records in its own.
  const searchIndex = files.some((f) => f.key === SEARCH_INDEX_KEY)
    ? renderSearchIndex({ ...published, records: [...previous.records].sort(publicationOrder) })
    : [];
  const before = new Map(
    [...renderSubscriberFeeds(published), ...searchIndex].map((f) => [f.key, bytesOf(f.body)] as const),
  );
  const unchanged = new Set<string>();
  for (const file of files) {
    const old = before.get(file.key);
    if (old && Buffer.compare(old, bytesOf(file.body)) === 0) unchanged.add(file.key);
  }
  return unchanged;
}

function bytesOf(body: string | Uint8Array): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
