import { discoverReleases } from '../discovery/discover-releases';
import type { StoredSourceState } from '../ports';
import { MAX_NEW_RELEASES_PER_LISTING } from '../sources/listing-sources';
import type { PipelineOptions, RunOptions } from './run-options';

/**
 * Reads the listings and returns the options with the run's sources: the configured ones and every
 * discovered release (docs/discovery.md), each read like a configured one.
 */
export async function withDiscovery(
  options: PipelineOptions,
  startedAt: string,
  stored: ReadonlyMap<string, StoredSourceState>,
): Promise<RunOptions> {
  const discovery = await discoverReleases({
    listings: options.listings ?? [],
    fetcher: options.fetcher,
    known: await options.state.loadDiscovered(),
    configured: options.sources,
    startedAt,
    maxNewPerListing: options.maxNewReleasesPerListing ?? MAX_NEW_RELEASES_PER_LISTING,
    forget: options.forgetReleases ?? [],
    stored,
  });
  for (const note of discovery.notes) options.logger.info(note);
  for (const r of discovery.reports) {
    options.logger.info(`${r.id}: ${r.status}, ${r.records} award releases`, { warnings: r.warnings });
  }
  return { ...options, sources: [...options.sources, ...discovery.sources], discovery };
}
