import { PageLayoutError, SourceFetchError } from '../errors';
import type { DiscoveredRelease } from '../model/discovered-release';
import type { SourceReport } from '../model/run-report';
import type { PageFetcher } from '../ports';
import { sha256 } from '../read-sources';
import { pressReleaseId } from '../sources/intermin-press';
import type { ListingSource } from '../sources/listing-sources';
import type { SourceModule } from '../sources/source-module';
import { classifyItem, type ItemDecision } from './classify-item';
import { discoveredReleaseSource } from './discovered-source';
import type { ListingItem } from './listing-item';
import { parseListing } from './parse-listing';

export interface DiscoveryInput {
  readonly listings: readonly ListingSource[];
  readonly fetcher: PageFetcher;
  /** The releases discovered by earlier runs, as the state holds them (a forgotten one is not read). */
  readonly known: readonly DiscoveredRelease[];
  /** The sources configured by hand: a release among them is read as configured, not discovered. */
  readonly configured: readonly SourceModule[];
  readonly startedAt: string;
  readonly maxNewPerListing: number;
}

export interface DiscoveryResult {
  /** One report per listing, with its decisions as notes. */
  readonly reports: SourceReport[];
  /** The releases seen for the first time this run, to keep in the state. */
  readonly added: DiscoveredRelease[];
  /** Every discovered release to read this run (earlier runs' and this run's), one per release. */
  readonly sources: SourceModule[];
}

/**
 * Reads every listing and keeps what it leads to (docs/discovery.md). A listing that cannot be
 * fetched fails, one whose shape is not understood is refused; either way the releases found
 * before are read as always. At most `maxNewPerListing` new releases a listing per run.
 */
export async function discoverReleases(input: DiscoveryInput): Promise<DiscoveryResult> {
  // A forgotten release is still seen: the listings that list it do not lead to it again.
  const seen = new Map(input.known.map((d) => [d.url, d] as const));
  const configuredUrls = new Set(input.configured.map((s) => s.url.replace(/\/+$/, '')));
  const configuredIds = new Set(input.configured.map((s) => s.id));
  const added: DiscoveredRelease[] = [];
  const reports: SourceReport[] = [];
  for (const listing of input.listings) {
    reports.push(await readListing(input, listing, { seen, configuredUrls, added }));
  }
  const sources = [...input.known, ...added]
    .filter((d) => d.versionOf === null && d.forgottenAt === undefined && !configuredIds.has(d.sourceId))
    .map(discoveredReleaseSource);
  return { reports, added, sources };
}

interface Found {
  readonly seen: Map<string, DiscoveredRelease>;
  readonly configuredUrls: ReadonlySet<string>;
  readonly added: DiscoveredRelease[];
}

async function readListing(
  input: DiscoveryInput,
  listing: ListingSource,
  found: Found,
): Promise<SourceReport> {
  const report = (status: SourceReport['status'], warnings: string[], extra: Partial<SourceReport> = {}) => ({
    id: listing.id,
    url: listing.url,
    status,
    records: 0,
    pageUpdated: null,
    sha256: null,
    warnings,
    ...extra,
  });
  const keeps = 'the releases found before are read as always';
  let fetched: Awaited<ReturnType<PageFetcher['fetch']>>;
  try {
    fetched = await input.fetcher.fetch(listing, null);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof SourceFetchError ? '' : `${listing.id}: `;
    // Its problem picks the alarm: a listing that moved wants its address fixed, not patience.
    const problem = error instanceof SourceFetchError ? { problem: error.problem } : {};
    return report('failed', [`${prefix}${message}; ${keeps}`], problem);
  }
  if (fetched.kind === 'missing') return report('skipped', [`${listing.id}: ${fetched.reason}; ${keeps}`]);
  if (fetched.kind === 'not-modified') return report('not-modified', []);
  const digest = sha256(fetched.page.body);
  let items: ListingItem[];
  try {
    items = parseListing(fetched.page.body, listing.id);
  } catch (error) {
    const message =
      error instanceof PageLayoutError
        ? error.message
        : `${listing.id}: the listing could not be understood: ${error instanceof Error ? error.message : String(error)}`;
    return report('refused', [`${message}; ${keeps}`], { sha256: digest });
  }
  const decisions = items.map((item) => ({ item, decision: classifyItem(item, listing.url) }));
  const notes = judge(input, listing, decisions, found);
  const releases = decisions.filter((d) => d.decision.kind === 'award-release').length;
  return report('ok', notes, { sha256: digest, records: releases });
}

/** Keeps the new award releases of one listing and says what became of every item. */
function judge(
  input: DiscoveryInput,
  listing: ListingSource,
  decisions: readonly { item: ListingItem; decision: ItemDecision }[],
  found: Found,
): string[] {
  const notes: string[] = [];
  const note = (item: ListingItem, url: string | null, what: string) =>
    notes.push(`${listing.id}: note: "${item.title.slice(0, 160)}"${url ? ` ${url}` : ''}: ${what}`);
  let unrelated = 0;
  let deferred = 0;
  let addedHere = 0;
  for (const { item, decision } of decisions) {
    if (decision.kind === 'passed') {
      if (decision.why === 'not-about-the-fund' || decision.why === 'other-ministry') unrelated++;
      else note(item, decision.url, `${decision.reason}; not followed`);
      continue;
    }
    const { url } = decision;
    if (found.configuredUrls.has(url) || found.seen.has(url)) continue;
    if (addedHere >= input.maxNewPerListing) {
      deferred++;
      continue;
    }
    const release = newRelease(input, listing, item, decision, found);
    found.seen.set(url, release);
    found.added.push(release);
    addedHere++;
    note(
      item,
      url,
      release.versionOf
        ? `an award release (${decision.reason}), another language version of ${release.versionOf} (same date and organisation); kept, not read on its own`
        : `an award release (${decision.reason}); read as ${release.sourceId}`,
    );
  }
  if (unrelated > 0) {
    notes.push(
      `${listing.id}: note: ${unrelated} of its ${decisions.length} items name no fund or are another ministry's; passed over`,
    );
  }
  if (deferred > 0) {
    notes.push(
      `${listing.id}: ${deferred} more new releases than the ${input.maxNewPerListing} a listing may add in one run; the next run adds them`,
    );
  }
  return notes;
}

function newRelease(
  input: DiscoveryInput,
  listing: ListingSource,
  item: ListingItem,
  decision: Extract<ItemDecision, { kind: 'award-release' }>,
  found: Found,
): DiscoveredRelease {
  const sibling =
    item.date === null
      ? undefined
      : [...found.seen.values()].find(
          (d) => d.date === item.date && d.organisation === decision.organisation && d.lang !== decision.lang,
        );
  return {
    sourceId: pressReleaseId(decision.url),
    url: decision.url,
    lang: decision.lang,
    title: item.title,
    date: item.date,
    organisation: decision.organisation,
    listingId: listing.id,
    firstSeenAt: input.startedAt,
    versionOf: sibling ? (sibling.versionOf ?? sibling.sourceId) : null,
  };
}
