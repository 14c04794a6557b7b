import { discoverReleases } from '../discovery/discover-releases';
import { forgetReleases } from '../discovery/forget-releases';
import type { DiscoveredRelease } from '../model/discovered-release';
import type { StoredSourceState } from '../ports';
import { MAX_NEW_RELEASES_PER_LISTING } from '../sources/listing-sources';
import type { PipelineOptions, RunDiscovery, RunOptions } from './run-options';

/**
 * Forgets the releases the operator named (before anything is fetched: a release that cannot be
 * forgotten stops the run here), reads the listings, and returns the options with the run's
 * sources: the configured ones and every discovered release still read (docs/discovery.md), each
 * read like a configured one.
 */
export async function withDiscovery(
  options: PipelineOptions,
  startedAt: string,
  stored: ReadonlyMap<string, StoredSourceState>,
): Promise<RunOptions> {
  const { known, forgotten, notes } = forgetReleases(
    await options.state.loadDiscovered(),
    options.forgetReleases ?? [],
    stored,
    startedAt,
  );
  for (const note of notes) options.logger.info(note);
  const discovery = await discoverReleases({
    listings: options.listings ?? [],
    fetcher: options.fetcher,
    known,
    configured: options.sources,
    startedAt,
    maxNewPerListing: options.maxNewReleasesPerListing ?? MAX_NEW_RELEASES_PER_LISTING,
  });
  for (const r of discovery.reports) {
    options.logger.info(`${r.id}: ${r.status}, ${r.records} award releases`, { warnings: r.warnings });
  }
  return {
    ...options,
    sources: [...options.sources, ...discovery.sources],
    discovery: { ...discovery, forgotten, notes },
  };
}

/** The discovered releases a run writes to the state: those it found and those it forgot. */
export function releasesToKeep(discovery: RunDiscovery): DiscoveredRelease[] {
  return [...discovery.added, ...discovery.forgotten];
}
