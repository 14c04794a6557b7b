import { createHash } from 'node:crypto';
import { ConfigError } from '../errors';

/** A page that lists press releases: an RSS/Atom feed or a search or news listing page (docs/discovery.md). */
export interface ListingSource {
  readonly id: string;
  readonly url: string;
}

/**
 * The listings read by default (the command line and a deployment without LISTING_URLS), each at an
 * address confirmed in seeds/README.md ("Listings"): the government's RSS feed of every ministry's
 * press releases, and the Ministry of the Interior's site search for "AMIF" in its three languages.
 */
export const DEFAULT_LISTINGS: readonly ListingSource[] = [
  {
    id: 'vn-press-en',
    url: 'https://valtioneuvosto.fi/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss',
  },
  { id: 'intermin-search-fi', url: 'https://intermin.fi/search?q=AMIF' },
  { id: 'intermin-search-sv', url: 'https://intermin.fi/sv/sok?q=AMIF' },
  { id: 'intermin-search-en', url: 'https://intermin.fi/en/search?q=AMIF' },
];

/**
 * The hosts whose releases a listing may lead to: the ministry, the government portal that carries
 * its releases, the funds' two sites and Migri. A link elsewhere is passed over with a note, and the
 * live fetcher may contact no other host.
 */
export const RELEASE_HOSTS: readonly string[] = [
  'eusa-rahastot.fi',
  'eusa-rahastot2021.fi',
  'intermin.fi',
  'migri.fi',
  // The government portal serves the ministry's releases on each of its sites (seeds/README.md).
  'soteuudistus.fi',
  'valtioneuvosto.fi',
];

/** How many releases one listing may add in one run; the rest are added by the next runs. */
export const MAX_NEW_RELEASES_PER_LISTING = 20;

const LISTING_ID = /^[a-z0-9][a-z0-9-]{2,80}$/;

/** The id of a listing configured without one: `listing-<first 10 hex digits of the URL's SHA-256>`. */
export function listingId(url: string): string {
  return `listing-${createHash('sha256').update(new URL(url).href).digest('hex').slice(0, 10)}`;
}

/**
 * Parses a configured list of listings (LISTING_URLS, `npm start -- --listings`): `URL` or `ID=URL`,
 * comma-separated; `none` reads no listing. Throws ConfigError naming every entry that is not an
 * https URL or whose id is not a lower-case slug.
 */
export function parseListingList(list: string, name = 'LISTING_URLS'): ListingSource[] {
  if (list.trim() === 'none') return [];
  const bad: string[] = [];
  const seen = new Set<string>();
  const parsed = list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const eq = entry.indexOf('=');
      const hasId = eq > 0 && !entry.slice(0, eq).includes('/');
      const url = hasId ? entry.slice(eq + 1).trim() : entry;
      const id = hasId ? entry.slice(0, eq).trim() : null;
      if (!URL.canParse(url) || new URL(url).protocol !== 'https:' || (id !== null && !LISTING_ID.test(id))) {
        bad.push(`"${entry}"`);
        return [];
      }
      const listing = { id: id ?? listingId(url), url };
      if (seen.has(listing.id)) return [];
      seen.add(listing.id);
      return [listing];
    });
  if (bad.length > 0) {
    throw new ConfigError(
      `${name} holds entries that are not "https://…" or "<id>=https://…" (id: lower-case letters, digits and hyphens), or "none": ${bad.join(', ')}`,
    );
  }
  return parsed;
}

/** The listings a run reads: the configured list, else the defaults. */
export function configuredListings(list: string | undefined, name?: string): ListingSource[] {
  return list?.trim() ? parseListingList(list, name) : [...DEFAULT_LISTINGS];
}
