import { ConfigError } from '../errors';
import type { DiscoveredRelease } from '../model/discovered-release';
import type { StoredSourceState } from '../ports';

export interface Forgetting {
  /** The releases as the state will hold them: those asked for marked forgotten. */
  readonly known: DiscoveredRelease[];
  /** The releases forgotten by this run, to write to the state. */
  readonly forgotten: DiscoveredRelease[];
  /** One note per release forgotten, for the run's report. */
  readonly notes: string[];
}

/**
 * Marks the discovered releases an operator named as forgotten, so that they are no longer read
 * and the listings do not lead to them again. Only a release whose last reading gave no record can
 * be forgotten (one that never read as a release, the case this is for): forgetting one that did
 * would take its awards out of the feed. Anything else asked for stops the run before it changes
 * anything, with a ConfigError naming the release and why.
 */
export function forgetReleases(
  known: readonly DiscoveredRelease[],
  ids: readonly string[],
  stored: ReadonlyMap<string, StoredSourceState>,
  at: string,
): Forgetting {
  const wanted = new Set(ids);
  for (const id of wanted) {
    const release = known.find((d) => d.sourceId === id);
    if (!release) {
      const read = known.filter((d) => d.forgottenAt === undefined).map((d) => d.sourceId);
      throw new ConfigError(
        `cannot forget release ${id}: no release the listings led to has that id (known: ${read.join(', ') || 'none'})`,
      );
    }
    const records = stored.get(id)?.summary?.records ?? 0;
    if (records > 0) {
      throw new ConfigError(
        `cannot forget release ${id}: its last reading gave ${records} records, and forgetting it would take them out of the feed`,
      );
    }
  }
  const forgotten: DiscoveredRelease[] = [];
  const notes: string[] = [];
  const updated = known.map((d) => {
    if (!wanted.has(d.sourceId) || d.forgottenAt !== undefined) return d;
    const marked = { ...d, forgottenAt: at };
    forgotten.push(marked);
    notes.push(
      `${d.sourceId}: note: forgotten as asked (${d.url}); it is no longer read, and the listings will not lead to it again`,
    );
    return marked;
  });
  return { known: updated, forgotten, notes };
}
