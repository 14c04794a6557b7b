import { discoverReleases } from '../discovery/discover-releases';
import { MAX_NEW_RELEASES_PER_LISTING } from '../sources/listing-sources';
import type { PipelineOptions, RunOptions } from './run-options';

/**
 * Reads the listings and returns the options with the run's sources: the configured ones and every
 * discovered release (docs/discovery.md), each read like a configured one.
 */
export async function withDiscovery(options: PipelineOptions, startedAt: string): Promise<RunOptions> {
  const discovery = await discoverReleases({
    listings: options.listings ?? [],
    fetcher: options.fetcher,
    known: await options.state.loadDiscovered(),
    configured: options.sources,
    startedAt,
    maxNewPerListing: options.maxNewReleasesPerListing ?? MAX_NEW_RELEASES_PER_LISTING,
  });
  for (const r of discovery.reports) {
    options.logger.info(`${r.id}: ${r.status}, ${r.records} award releases`, { warnings: r.warnings });
  }
  return { ...options, sources: [...options.sources, ...discovery.sources], discovery };
}
